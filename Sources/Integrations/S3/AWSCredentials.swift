/// An access key pair (and session token) for SigV4; printed without the secret.
public struct AWSCredentials: Sendable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "AWSCredentials(accessKeyID: \(accessKeyID), secret: \(Redaction.placeholder))" }

    /// Every secret part, for scrubbing error messages.
    var secrets: [String] { [secretAccessKey] + (sessionToken.map { [$0] } ?? []) }
}
