/// An error from PostgreSQL or from talking to it.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The connection string is not one libpq accepts.
        public static let invalidConnectionString = Self("invalid connection string")
        /// No connection could be made, or it broke.
        public static let connectionFailed = Self("connection failed")
        /// The server rejected a statement.
        public static let queryFailed = Self("query failed")

        public var description: String { name }
    }

    public var code: Code
    /// libpq's or the server's message, never carrying a password.
    public var message: String
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?

    public init(code: Code, message: String, sqlState: String? = nil) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String {
        let state = sqlState.map { " [SQLSTATE \($0)]" } ?? ""
        return "\(code): \(message)\(state)"
    }
}
