import Foundation
public import Logging
import Synchronization

/// Google Cloud Storage through its JSON API, authorised by a service
/// account: a JWT (RS256) exchanged for an access token, cached until
/// shortly before it expires.
public final class GCSClient: Sendable {
    public struct Configuration: Sendable {
        public var serviceAccount: ServiceAccountKey
        /// e.g. https://storage.googleapis.com/upload/storage/v1
        public var uploadBaseURL: String
        public var scope: String

        public init(
            serviceAccount: ServiceAccountKey, uploadBaseURL: String = "https://storage.googleapis.com/upload/storage/v1",
            scope: String = "https://www.googleapis.com/auth/devstorage.read_write"
        ) {
            self.serviceAccount = serviceAccount
            self.uploadBaseURL = uploadBaseURL
            self.scope = scope
        }
    }

    public let configuration: Configuration
    let http: HTTPClient
    private let token = Mutex<OAuthToken?>(nil)

    public init(configuration: Configuration, http: HTTPClient) {
        self.configuration = configuration
        self.http = http
    }

    /// Uploads an object (uploadType=media); returns the object resource's JSON.
    @discardableResult
    public func upload(
        bucket: String, name: String, body: UploadSource, contentType: String = "application/octet-stream",
        logger: Logger
    ) async throws(IntegrationError) -> [String: Any] {
        let accessToken = try await currentToken(logger: logger)
        let url = configuration.uploadBaseURL + "/b/\(FormEncoding.percentEncode(bucket))/o?uploadType=media&name="
            + FormEncoding.percentEncode(name)
        var request = HTTPRequest(
            method: "POST", url: url, headers: [("Content-Type", contentType), ("Authorization", "Bearer \(accessToken)")],
            body: body)
        request.secrets = [accessToken]
        let response = try await http.execute(request, logger: logger)
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw IntegrationError(.invalidResponse, "GCS upload returned no object resource", status: response.status)
        }
        logger.info("gcs object uploaded", metadata: ["bucket": "\(bucket)", "name": "\(name)"])
        return object
    }

    /// A valid access token: the cached one, or a new one from a signed JWT.
    func currentToken(logger: Logger) async throws(IntegrationError) -> String {
        if let cached = token.withLock({ $0 }), !cached.isExpired() { return cached.accessToken }
        let account = configuration.serviceAccount
        let now = Int(Date().timeIntervalSince1970)
        let assertion = try JWT.rs256(
            claims: ["iss": account.clientEmail, "scope": configuration.scope, "aud": account.tokenURI,
                     "iat": now, "exp": now + 3600],
            privateKeyPEM: account.privateKeyPEM)
        var request = HTTPRequest.form(url: account.tokenURI, fields: [
            ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion),
        ])
        request.secrets = [assertion]
        let started = Date()
        let response = try await http.execute(request, logger: logger)
        guard let fresh = OAuthToken.parse(response.body, receivedAt: started, previousRefreshToken: nil) else {
            throw IntegrationError(.invalidResponse, "the token endpoint returned no access token", status: response.status)
        }
        token.withLock { $0 = fresh }
        logger.debug("gcs access token obtained", metadata: ["account": "\(account.clientEmail)"])
        return fresh.accessToken
    }
}
