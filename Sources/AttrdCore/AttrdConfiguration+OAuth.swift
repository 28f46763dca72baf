public import Integrations

extension AttrdConfiguration.Outbound {
    /// Snapchat's OAuth endpoints at the configured base URL.
    public var snapchatOAuth: OAuthProvider { .snapchat(baseURL: snapchatOAuthURL) }

    /// Pinterest's: the consent page on the OAuth URL, the token endpoint on the API URL.
    public var pinterestOAuth: OAuthProvider { .pinterest(webBaseURL: pinterestOAuthURL, apiBaseURL: pinterestAPIURL) }

    /// LinkedIn's OAuth endpoints at the configured base URL.
    public var linkedInOAuth: OAuthProvider { .linkedIn(baseURL: linkedInOAuthURL) }
}
