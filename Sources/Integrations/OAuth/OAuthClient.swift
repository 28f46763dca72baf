import Foundation
public import Logging

/// The authorization-code flow with PKCE, and refresh, against one provider.
public struct OAuthClient: Sendable {
    /// The client's registration; printed without the secret.
    public struct Credentials: Sendable, CustomStringConvertible {
        public var clientID: String
        public var clientSecret: String
        public init(clientID: String, clientSecret: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
        public var description: String { "OAuthClient.Credentials(clientID: \(clientID), secret: \(Redaction.placeholder))" }
    }

    /// What to send the user to, and what to keep until they come back:
    /// `state` to compare with the callback's, `codeVerifier` for the exchange.
    public struct AuthorizationRequest: Sendable {
        public var url: String
        public var state: String
        public var codeVerifier: String
    }

    public var provider: OAuthProvider
    public var credentials: Credentials
    public var redirectURI: String
    let http: HTTPClient

    public init(provider: OAuthProvider, credentials: Credentials, redirectURI: String, http: HTTPClient) {
        self.provider = provider
        self.credentials = credentials
        self.redirectURI = redirectURI
        self.http = http
    }

    /// The authorization URL with a fresh `state` (unless given) and PKCE (S256).
    public func authorizationRequest(state: String? = nil, extraParameters: [(String, String)] = [])
        -> AuthorizationRequest
    {
        let pkce = PKCE()
        let state = state ?? Crypto.randomBytes(16).base64URLString
        let parameters = [
            ("response_type", "code"), ("client_id", credentials.clientID), ("redirect_uri", redirectURI),
            ("scope", provider.scopes.joined(separator: provider.scopeSeparator)), ("state", state),
            ("code_challenge", pkce.challenge), ("code_challenge_method", PKCE.method),
        ] + extraParameters
        let query = String(decoding: FormEncoding.encode(parameters), as: UTF8.self)
        let separator = provider.authorizationEndpoint.contains("?") ? "&" : "?"
        return AuthorizationRequest(
            url: provider.authorizationEndpoint + separator + query, state: state, codeVerifier: pkce.verifier)
    }

    /// Exchanges the code from the callback (authorization_code grant).
    public func exchange(code: String, codeVerifier: String?, logger: Logger) async throws(IntegrationError) -> OAuthToken {
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        if let codeVerifier { fields.append(("code_verifier", codeVerifier)) }
        return try await tokenRequest(fields, secrets: [code] + (codeVerifier.map { [$0] } ?? []), previous: nil,
                                      logger: logger)
    }

    /// Gets a new access token (refresh_token grant); keeps the refresh token when the provider does not rotate it.
    public func refresh(_ refreshToken: String, logger: Logger) async throws(IntegrationError) -> OAuthToken {
        try await tokenRequest([("grant_type", "refresh_token"), ("refresh_token", refreshToken)],
                               secrets: [refreshToken], previous: refreshToken, logger: logger)
    }
}
