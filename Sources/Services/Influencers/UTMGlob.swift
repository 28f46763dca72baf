import ServiceKit

/// The UTM pattern syntax of influencers (docs/ATTRIBUTION.md, "Influencers"):
/// a glob matched against a touchpoint's whole utm_campaign, ignoring case.
/// `*` matches any run of characters (also none), `?` exactly one
/// character; every other character, `%`, `_` and `\` included, matches
/// itself. A pattern is 1 to 200 characters without control characters, and
/// not only wildcards (that would match every campaign).
enum UTMGlob {
    static let maximumLength = 200

    static func validate(_ text: String, _ field: String) throws(FieldError) -> String {
        let pattern = try Validate.required(text, field, maximum: maximumLength)
        guard !pattern.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw FieldError(field, "contains a control character")
        }
        guard pattern.contains(where: { $0 != "*" && $0 != "?" }) else {
            throw FieldError(field, "has only wildcards, which would match every campaign; add literal characters")
        }
        return pattern
    }
}
