public import Foundation

/// Standard Webhooks 1.0 signatures: `v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<body>")>`,
/// space-separated when several secrets are active (rotation).
public enum WebhookSignature {
    /// The webhook-signature header value for these secrets.
    public static func sign(id: String, timestamp: Int, body: Data, secrets: [WebhookSecret]) -> String {
        let content = Data("\(id).\(timestamp).".utf8) + body
        return secrets.map { "v1," + Data(Crypto.hmacSHA256(key: $0.key, content)).base64EncodedString() }
            .joined(separator: " ")
    }

    /// Whether any v1 signature in `header` matches any of `secrets`, and the
    /// timestamp is within `tolerance` of `now` (replay protection).
    public static func verify(
        id: String, timestamp: Int, body: Data, header: String, secrets: [WebhookSecret], now: Date = Date(),
        tolerance: TimeInterval = 300
    ) -> Bool {
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        let expected = Set(sign(id: id, timestamp: timestamp, body: body, secrets: secrets).split(separator: " "))
        return header.split(separator: " ").contains { candidate in
            expected.contains { constantTimeEqual(Array($0.utf8), Array(candidate.utf8)) }
        }
    }

    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
