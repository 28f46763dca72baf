public import Foundation
public import Logging

/// Delivers signed webhooks (Standard Webhooks 1.0 headers). Deliveries are
/// treated as idempotent (receivers deduplicate on webhook-id), so the HTTP
/// client's retry policy applies to them in full.
public struct WebhookSender: Sendable {
    let http: HTTPClient

    public init(http: HTTPClient) { self.http = http }

    /// A new message id, `msg_` + 24 random base64url characters.
    public static func messageID() -> String { "msg_" + Crypto.randomBytes(18).base64URLString }

    /// POSTs `body` (JSON) to `url` signed with every secret in `secrets`
    /// (more than one during a rotation's overlap).
    @discardableResult
    public func deliver(
        to url: String, body: Data, secrets: [WebhookSecret], id: String = WebhookSender.messageID(),
        timestamp: Date = Date(), logger: Logger
    ) async throws(IntegrationError) -> HTTPResponse {
        guard !secrets.isEmpty else { throw IntegrationError(.invalidRequest, "a webhook needs at least one secret") }
        let seconds = Int(timestamp.timeIntervalSince1970)
        var request = HTTPRequest(
            method: "POST", url: url,
            headers: [
                ("Content-Type", "application/json"), ("webhook-id", id), ("webhook-timestamp", "\(seconds)"),
                ("webhook-signature", WebhookSignature.sign(id: id, timestamp: seconds, body: body, secrets: secrets)),
            ],
            body: .bytes(body))
        request.isIdempotent = true
        let response = try await http.execute(request, logger: logger)
        logger.info("webhook delivered", metadata: [
            "id": "\(id)", "url": "\(request.redactedURL)", "status": "\(response.status)", "attempts": "\(response.attempts)",
        ])
        return response
    }
}
