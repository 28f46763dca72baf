/// Where a platform's OAuth 2.0 endpoints are and how it wants to be spoken
/// to. Every base URL can be overridden (tests, regional hosts, proxies).
public struct OAuthProvider: Sendable {
    /// How the client authenticates at the token endpoint (RFC 6749 section 2.3.1).
    public enum ClientAuthentication: Sendable {
        /// HTTP Basic with the form-encoded client id and secret.
        case clientSecretBasic
        /// client_id and client_secret in the form body.
        case clientSecretPost
    }

    public var name: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var scopes: [String]
    /// How scopes are joined in the authorization URL (space by the RFC; Pinterest uses commas).
    public var scopeSeparator: String
    public var clientAuthentication: ClientAuthentication

    public init(
        name: String, authorizationEndpoint: String, tokenEndpoint: String, scopes: [String],
        scopeSeparator: String = " ", clientAuthentication: ClientAuthentication
    ) {
        self.name = name
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.scopes = scopes
        self.scopeSeparator = scopeSeparator
        self.clientAuthentication = clientAuthentication
    }

    /// Snapchat Marketing API.
    public static func snapchat(baseURL: String = "https://accounts.snapchat.com") -> OAuthProvider {
        OAuthProvider(
            name: "snapchat", authorizationEndpoint: baseURL + "/login/oauth2/authorize",
            tokenEndpoint: baseURL + "/login/oauth2/access_token", scopes: ["snapchat-marketing-api"],
            clientAuthentication: .clientSecretPost)
    }

    /// Pinterest API v5: the consent page on www, the token endpoint on the API host, HTTP Basic.
    public static func pinterest(
        webBaseURL: String = "https://www.pinterest.com", apiBaseURL: String = "https://api.pinterest.com"
    ) -> OAuthProvider {
        OAuthProvider(
            name: "pinterest", authorizationEndpoint: webBaseURL + "/oauth/", tokenEndpoint: apiBaseURL + "/v5/oauth/token",
            scopes: ["ads:read", "user_accounts:read"], scopeSeparator: ",", clientAuthentication: .clientSecretBasic)
    }

    /// LinkedIn Marketing (ads reporting).
    public static func linkedIn(baseURL: String = "https://www.linkedin.com") -> OAuthProvider {
        OAuthProvider(
            name: "linkedin", authorizationEndpoint: baseURL + "/oauth/v2/authorization",
            tokenEndpoint: baseURL + "/oauth/v2/accessToken", scopes: ["r_ads", "r_ads_reporting"],
            clientAuthentication: .clientSecretPost)
    }
}
