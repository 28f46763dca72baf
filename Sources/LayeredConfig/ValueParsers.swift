#if canImport(Glibc)
import Glibc
#endif

/// Parsers for the value kinds that recur across the executables' settings.
public enum ValueParsers {
    /// Any non-empty text.
    public static func nonEmpty(_ text: String) throws(InvalidValue) -> String {
        guard !text.trimmingSpaces.isEmpty else { throw InvalidValue("must not be empty") }
        return text
    }

    /// One of `choices`, compared case-insensitively; returns the choice as spelled there.
    public static func oneOf(_ choices: [String]) -> @Sendable (String) throws(InvalidValue) -> String {
        { (text: String) throws(InvalidValue) -> String in
            guard let match = choices.first(where: { $0.lowercased() == text.lowercased() }) else {
                throw InvalidValue("expected one of \(choices.joined(separator: ", "))")
            }
            return match
        }
    }

    /// A whole number within `range`.
    public static func integer(in range: ClosedRange<Int>) -> @Sendable (String) throws(InvalidValue) -> Int {
        { (text: String) throws(InvalidValue) -> Int in
            guard let number = Int(text.trimmingSpaces), range.contains(number) else {
                throw InvalidValue("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
    }

    /// A number, whole or with a decimal point, within `range`.
    public static func decimal(in range: ClosedRange<Double>) -> @Sendable (String) throws(InvalidValue) -> Double {
        { (text: String) throws(InvalidValue) -> Double in
            let trimmed = text.trimmingSpaces
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
                let number = Double(trimmed), range.contains(number)
            else {
                throw InvalidValue("expected a number from \(format(range.lowerBound)) to \(format(range.upperBound))")
            }
            return number
        }
    }

    /// A number as settings show it: `10`, not `10.0`.
    public static func format(_ number: Double) -> String {
        number == number.rounded() ? String(Int(number)) : String(number)
    }

    /// `true`/`false` and their usual spellings.
    public static func boolean(_ text: String) throws(InvalidValue) -> Bool {
        switch text.trimmingSpaces.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw InvalidValue("expected true or false")
        }
    }

    /// A path to a regular file this process can read.
    public static func readableFile(_ path: String) throws(InvalidValue) -> String {
        guard !path.isEmpty else { throw InvalidValue("must not be empty") }
        var status = stat()
        guard stat(path, &status) == 0 else { throw InvalidValue("no such file") }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw InvalidValue("not a regular file") }
        guard access(path, R_OK) == 0 else { throw InvalidValue("not readable by this process") }
        return path
    }

    /// An http(s) URL without a trailing slash, to which paths are appended.
    public static func baseURL(_ text: String) throws(InvalidValue) -> String {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), text.count > 8, !text.hasSuffix("/") else {
            throw InvalidValue("expected an http(s) URL without a trailing slash")
        }
        return text
    }

    /// A `HOST:PORT` pair; IPv6 hosts in brackets (`[::1]:7443`).
    public static func hostAndPort(_ text: String) throws(InvalidValue) -> HostAndPort {
        try HostAndPort(parsing: text)
    }

    /// An address to listen on: like `hostAndPort`, and port 0 picks a free port.
    public static func listenAddress(_ text: String) throws(InvalidValue) -> HostAndPort {
        try HostAndPort(parsing: text, allowingPortZero: true)
    }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
