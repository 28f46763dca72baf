import Foundation

/// An opaque page token: the position after the last item of a page, bound
/// to the filters it was made for (a token reused with other filters is
/// INVALID_ARGUMENT, PROTOCOL.md §12). Base64url of JSON; not a secret, and
/// tampering can only move the position within the caller's own data.
public struct PageToken<Position: Codable & Sendable>: Codable, Sendable {
    public var position: Position
    /// A fingerprint of the request's filters.
    public var filters: String

    public init(position: Position, filters: String) {
        self.position = position
        self.filters = filters
    }

    public func encoded() -> String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// nil for an empty token (the first page).
    public static func decode(_ text: String, filters: String) throws(FieldError) -> PageToken? {
        guard !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 1000, let data = Data(base64Encoded: base64),
            let token = try? JSONDecoder().decode(PageToken.self, from: data)
        else { throw FieldError("page_token", "is not a token this method returned") }
        guard token.filters == filters else {
            throw FieldError("page_token", "was made for other filters; start again without a token")
        }
        return token
    }
}

/// Page sizes: 0 means the default; larger than the maximum is clamped.
public enum PageSize {
    public static func resolve(_ requested: Int32, default fallback: Int, maximum: Int) throws(FieldError) -> Int {
        guard requested >= 0 else { throw FieldError("page_size", "must not be negative") }
        return requested == 0 ? fallback : min(Int(requested), maximum)
    }
}
