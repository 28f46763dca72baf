import Foundation
import Integrations
import Logging
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasPython, "python3 or openssl is missing"))
struct OAuthTests {
    enum Platform: String, CaseIterable, Sendable { case snapchat, pinterest, linkedIn }

    static func provider(_ platform: Platform, base: String) -> OAuthProvider {
        switch platform {
        case .snapchat: return .snapchat(baseURL: base)
        case .pinterest: return .pinterest(webBaseURL: base, apiBaseURL: base)
        case .linkedIn: return .linkedIn(baseURL: base)
        }
    }

    static func client(_ platform: Platform, fake: HTTPSFake, executor: CurlExecutor, secret: String = HTTPSFake.clientSecret)
        -> OAuthClient
    {
        OAuthClient(
            provider: provider(platform, base: fake.base),
            credentials: .init(clientID: HTTPSFake.clientID, clientSecret: secret),
            redirectURI: "https://app.example.com/oauth/callback", http: fake.client(executor: executor))
    }

    /// Follows the authorization URL as a browser would and returns the callback's query.
    static func authorize(_ url: String, fake: HTTPSFake, executor: CurlExecutor) async throws -> [String: String] {
        var request = HTTPRequest(url: url)
        request.maxRedirects = 0
        request.throwsOnHTTPError = false
        let response = try await fake.client(executor: executor).execute(request, logger: Logger(label: "browser"))
        #expect(response.status == 302)
        let location = try #require(response.header("Location"))
        return Dictionary(uniqueKeysWithValues: FormEncoding.decode(String(location.split(separator: "?")[1])))
    }

    @Test(arguments: Platform.allCases)
    func codeExchangeAndRefresh(_ platform: Platform) async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "oauth")
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = Self.client(platform, fake: fake, executor: executor)
                let authorization = client.authorizationRequest()
                #expect(authorization.url.hasPrefix(client.provider.authorizationEndpoint + "?"))
                #expect(authorization.url.contains("code_challenge_method=S256"))
                let callback = try await Self.authorize(authorization.url, fake: fake, executor: executor)
                #expect(callback["state"] == authorization.state)
                let code = try #require(callback["code"])

                let token = try await client.exchange(code: code, codeVerifier: authorization.codeVerifier, logger: logger)
                #expect(token.accessToken.hasPrefix("at-"))
                #expect(token.scope == client.provider.scopes.joined(separator: client.provider.scopeSeparator))
                let expiresAt = try #require(token.expiresAt)
                #expect(abs(expiresAt.timeIntervalSinceNow - 3600) < 30)
                #expect(!token.isExpired())
                #expect(token.isExpired(at: expiresAt.addingTimeInterval(-30)))
                let refreshToken = try #require(token.refreshToken)

                let refreshed = try await client.refresh(refreshToken, logger: logger)
                #expect(refreshed.accessToken != token.accessToken)
                #expect(refreshed.refreshToken == refreshToken)

                let expected = client.provider.clientAuthentication == .clientSecretBasic
                    ? "client_secret_basic" : "client_secret_post"
                let used = try await fake.state(executor: executor)["token_auth"] as? [String]
                #expect(used == [expected, expected])
                Self.expectNoSecret([HTTPSFake.clientSecret, token.accessToken, refreshToken, refreshed.accessToken, code,
                                     authorization.codeVerifier], in: logs)
                #expect(!"\(token)".contains(token.accessToken))
            }
        }
    }

    @Test func errorResponsesAreStructuredAndRedacted() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "oauth")
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = Self.client(.linkedIn, fake: fake, executor: executor)
                let authorization = client.authorizationRequest()
                let code = try #require(try await Self.authorize(authorization.url, fake: fake, executor: executor)["code"])
                let wrongVerifier = PKCE().verifier
                let pkceError = await #expect(throws: IntegrationError.self) {
                    try await client.exchange(code: code, codeVerifier: wrongVerifier, logger: logger)
                }
                #expect(pkceError?.code == .remote)
                #expect(pkceError?.status == 400)
                #expect(pkceError?.message.contains("invalid_grant") == true)
                #expect(pkceError?.message.contains("PKCE") == true)

                let revoked = "rt-revoked-\(Crypto.randomBytes(8).hexString)"
                let refreshError = await #expect(throws: IntegrationError.self) {
                    try await client.refresh(revoked, logger: logger)
                }
                #expect(refreshError?.code == .remote)
                #expect(!"\(String(describing: refreshError))".contains(revoked))

                let wrongSecret = "cs-wrong-\(Crypto.randomBytes(8).hexString)"
                let impostor = Self.client(.pinterest, fake: fake, executor: executor, secret: wrongSecret)
                let clientError = await #expect(throws: IntegrationError.self) {
                    try await impostor.refresh(revoked, logger: logger)
                }
                #expect(clientError?.code == .authentication)
                #expect(clientError?.status == 401)
                #expect(!"\(String(describing: clientError))".contains(wrongSecret))
                Self.expectNoSecret([HTTPSFake.clientSecret, wrongSecret, revoked, code, wrongVerifier], in: logs)
            }
        }
    }

    @Test func tokenEndpoint429IsRetriedAfterRetryAfter() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = Self.client(.snapchat, fake: fake, executor: executor)
                let authorization = client.authorizationRequest()
                let code = try #require(try await Self.authorize(authorization.url, fake: fake, executor: executor)["code"])
                try await fake.failNext("/login/oauth2/access_token", status: 429, count: 1, retryAfter: "1", executor: executor)
                let started = ContinuousClock.now
                let token = try await client.exchange(code: code, codeVerifier: authorization.codeVerifier,
                                                      logger: Logger(label: "oauth"))
                #expect(ContinuousClock.now - started >= .milliseconds(950))
                #expect(!token.accessToken.isEmpty)
                #expect(try await fake.requestCount("/login/oauth2/access_token", executor: executor) == 2)
            }
        }
    }

    @Test func providerDefinitions() {
        let snapchat = OAuthProvider.snapchat()
        #expect(snapchat.authorizationEndpoint == "https://accounts.snapchat.com/login/oauth2/authorize")
        #expect(snapchat.tokenEndpoint == "https://accounts.snapchat.com/login/oauth2/access_token")
        #expect(snapchat.scopes == ["snapchat-marketing-api"])
        let pinterest = OAuthProvider.pinterest()
        #expect(pinterest.authorizationEndpoint == "https://www.pinterest.com/oauth/")
        #expect(pinterest.tokenEndpoint == "https://api.pinterest.com/v5/oauth/token")
        #expect(pinterest.clientAuthentication == .clientSecretBasic)
        #expect(pinterest.scopes == ["ads:read", "user_accounts:read"])
        let linkedIn = OAuthProvider.linkedIn()
        #expect(linkedIn.authorizationEndpoint == "https://www.linkedin.com/oauth/v2/authorization")
        #expect(linkedIn.tokenEndpoint == "https://www.linkedin.com/oauth/v2/accessToken")
        #expect(linkedIn.scopes == ["r_ads", "r_ads_reporting"])
        // RFC 7636 appendix B.
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    static func expectNoSecret(_ secrets: [String], in logs: CapturedLogs) {
        #expect(!logs.all.isEmpty)
        for entry in logs.all {
            let line = entry.message + " " + entry.metadata.values.joined(separator: " ")
            for secret in secrets { #expect(!line.contains(secret), "log line leaks a secret: \(entry.message)") }
        }
    }
}
