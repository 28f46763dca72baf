import CLibPQ

/// A libpq connection string (`postgresql://user:pass@host:port/db?...` or
/// `key=value ...`), checked by libpq itself when made. Its description hides
/// the password, so it is safe to log.
public struct ConnectionString: Sendable, CustomStringConvertible {
    /// The text as given, password included: only ever handed to libpq.
    let text: String
    /// The parsed options, password excluded.
    public let options: [String: String]

    public init(_ text: String) throws(PostgresError) {
        var error: UnsafeMutablePointer<CChar>?
        guard let parsed = PQconninfoParse(text, &error) else {
            let reason = error.map { String(cString: $0).trimmingTrailingNewlines } ?? "out of memory"
            PQfreemem(error)
            throw PostgresError(code: .invalidConnectionString, message: reason)
        }
        defer { PQconninfoFree(parsed) }
        var options: [String: String] = [:]
        var option = parsed
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                options[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        options["password"] = nil
        self.text = text
        self.options = options
    }

    /// `user@host:port/dbname`, from what the string sets (libpq defaults fill the rest).
    public var description: String {
        let user = options["user"].map { "\($0)@" } ?? ""
        let host = options["hostaddr"] ?? options["host"] ?? "(default host)"
        let port = options["port"].map { ":\($0)" } ?? ""
        let database = options["dbname"].map { "/\($0)" } ?? ""
        return "postgresql://\(user)\(host)\(port)\(database)"
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
