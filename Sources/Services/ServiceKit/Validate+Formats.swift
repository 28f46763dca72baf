public import Foundation

/// Formats: each check names the field, never repeats the value, and
/// returns the value as it is to be stored.
extension Validate {
    /// An email address of at most 254 characters, one "@" with text on both
    /// sides, a dotted domain and no spaces; trimmed of surrounding spaces.
    public static func email(_ text: String, _ field: String) throws(FieldError) -> String {
        let address = text.trimmingCharacters(in: .whitespaces)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard address.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !address.contains(where: \.isWhitespace)
        else { throw FieldError(field, "is not an email address") }
        return address
    }

    /// A Slack channel: "#" then 1 to 80 of a-z, 0-9, "-" and "_".
    public static func slackChannel(_ text: String, _ field: String) throws(FieldError) -> String {
        let name = text.dropFirst()
        guard text.hasPrefix("#"), (1...80).contains(name.count),
            name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        else { throw FieldError(field, "is not a Slack channel (# then 1 to 80 of a-z, 0-9, - and _)") }
        return text
    }

    /// A required absolute URL with a host, of at most 2000 characters:
    /// https only, or (`allowHTTP`) http too.
    public static func absoluteURL(_ text: String, _ field: String, allowHTTP: Bool = false) throws(FieldError) -> URL {
        let trimmed = try required(text, field, maximum: 2000)
        let schemes: Set<String> = allowHTTP ? ["http", "https"] : ["https"]
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw FieldError(field, allowHTTP ? "is not an http or https URL" : "is not an https URL") }
        return url
    }

    /// A required UUID, in any letter case.
    public static func uuid(_ text: String, _ field: String) throws(FieldError) -> UUID {
        guard !text.isEmpty else { throw FieldError(field, "is required") }
        guard let id = UUID(uuidString: text) else { throw FieldError(field, "is not a UUID") }
        return id
    }

    /// A required IANA time zone name such as "Europe/Berlin" (as
    /// `TimeZone(identifier:)` knows it; offsets such as "+02:00" are not names).
    public static func timeZone(_ text: String, _ field: String) throws(FieldError) -> TimeZone {
        guard !text.isEmpty else { throw FieldError(field, "is required") }
        guard text.count <= 100, !text.hasPrefix("+"), !text.hasPrefix("-"), let zone = TimeZone(identifier: text) else {
            throw FieldError(field, "is not an IANA time zone name (e.g. Europe/Berlin)")
        }
        return zone
    }
}
