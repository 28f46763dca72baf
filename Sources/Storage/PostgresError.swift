/// An error from PostgreSQL or from talking to it.
///
/// Codes map onto RPC status codes later: `connectionFailed` and
/// `poolTimeout` are UNAVAILABLE (retry later), `deadlineExceeded` is
/// DEADLINE_EXCEEDED, `cancelled` is CANCELLED, the rest are INTERNAL unless a
/// service maps a `sqlState` (e.g. 23505, unique violation) to something better.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The connection string is not one libpq accepts.
        public static let invalidConnectionString = Self("invalid connection string")
        /// No connection could be made, or it broke: the database is unavailable.
        public static let connectionFailed = Self("connection failed")
        /// The server rejected a statement.
        public static let queryFailed = Self("query failed")
        /// No pooled connection became free in time.
        public static let poolTimeout = Self("pool timeout")
        /// The pool was closed.
        public static let poolClosed = Self("pool closed")
        /// The statement ran past its timeout or the caller's deadline and was cancelled.
        public static let deadlineExceeded = Self("deadline exceeded")
        /// The caller's task was cancelled, and the statement with it.
        public static let cancelled = Self("cancelled")
        /// A value could not be decoded as the requested Swift type.
        public static let decodingFailed = Self("decoding failed")
        /// A COPY could not be completed.
        public static let copyFailed = Self("copy failed")
        /// A migration could not be applied, or the schema is not at the expected version.
        public static let migrationFailed = Self("migration failed")

        public var description: String { name }
    }

    public var code: Code
    /// libpq's or the server's message, never carrying a password or a parameter value.
    public var message: String
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// The constraint a violation (SQLSTATE class 23) names, e.g.
    /// `attribution_influencers_tenant_code_key`: services map it to the field at fault.
    public var constraint: String?

    public init(code: Code, message: String, sqlState: String? = nil, constraint: String? = nil) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.constraint = constraint
    }

    /// True when retrying later, on another connection, may succeed.
    public var isUnavailable: Bool { code == .connectionFailed || code == .poolTimeout }

    public var description: String {
        let state = sqlState.map { " [SQLSTATE \($0)]" } ?? ""
        return "\(code): \(message)\(state)"
    }
}
