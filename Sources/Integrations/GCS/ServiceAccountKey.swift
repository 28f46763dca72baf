public import Foundation

/// A Google service account's key (the JSON file Google issues); printed
/// without the private key.
public struct ServiceAccountKey: Sendable, CustomStringConvertible {
    public var clientEmail: String
    /// PEM (PKCS#8) RSA private key.
    public var privateKeyPEM: String
    public var tokenURI: String

    public init(clientEmail: String, privateKeyPEM: String, tokenURI: String = "https://oauth2.googleapis.com/token") {
        self.clientEmail = clientEmail
        self.privateKeyPEM = privateKeyPEM
        self.tokenURI = tokenURI
    }

    /// Parses the JSON key file (client_email, private_key, token_uri).
    public init(json: Data) throws(IntegrationError) {
        guard let object = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
            let email = object["client_email"] as? String, let key = object["private_key"] as? String
        else { throw IntegrationError(.invalidRequest, "not a service account key file") }
        self.init(clientEmail: email, privateKeyPEM: key,
                  tokenURI: object["token_uri"] as? String ?? "https://oauth2.googleapis.com/token")
    }

    public var description: String { "ServiceAccountKey(\(clientEmail), private key: \(Redaction.placeholder))" }
}
