public import Foundation

/// Tokens from a token endpoint, with their expiry; printed without the tokens.
public struct OAuthToken: Sendable, CustomStringConvertible {
    public var accessToken: String
    public var refreshToken: String?
    public var tokenType: String
    public var scope: String?
    /// When the access token expires (from expires_in), if the provider said.
    public var expiresAt: Date?
    /// When the refresh token expires (Pinterest's refresh_token_expires_in), if said.
    public var refreshTokenExpiresAt: Date?

    public init(
        accessToken: String, refreshToken: String? = nil, tokenType: String = "bearer", scope: String? = nil,
        expiresAt: Date? = nil, refreshTokenExpiresAt: Date? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = tokenType
        self.scope = scope
        self.expiresAt = expiresAt
        self.refreshTokenExpiresAt = refreshTokenExpiresAt
    }

    /// True once the access token is within `leeway` of its expiry (never, if unknown).
    public func isExpired(at now: Date = Date(), leeway: TimeInterval = 60) -> Bool {
        guard let expiresAt else { return false }
        return now.addingTimeInterval(leeway) >= expiresAt
    }

    public var description: String {
        "OAuthToken(type: \(tokenType), scope: \(scope ?? "-"), expiresAt: \(expiresAt.map { "\($0)" } ?? "-"), "
            + "refreshable: \(refreshToken != nil))"
    }

    /// Parses a token endpoint's JSON (RFC 6749 section 5.1).
    static func parse(_ body: Data, receivedAt now: Date, previousRefreshToken: String?) -> OAuthToken? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let access = object["access_token"] as? String, !access.isEmpty
        else { return nil }
        func seconds(_ key: String) -> TimeInterval? {
            if let number = object[key] as? NSNumber { return number.doubleValue }
            if let text = object[key] as? String { return TimeInterval(text) }
            return nil
        }
        return OAuthToken(
            accessToken: access, refreshToken: (object["refresh_token"] as? String) ?? previousRefreshToken,
            tokenType: (object["token_type"] as? String) ?? "bearer", scope: object["scope"] as? String,
            expiresAt: seconds("expires_in").map { now.addingTimeInterval($0) },
            refreshTokenExpiresAt: seconds("refresh_token_expires_in").map { now.addingTimeInterval($0) })
    }
}
