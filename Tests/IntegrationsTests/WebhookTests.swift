import Foundation
import Integrations
import Logging
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasPython, "python3 or openssl is missing"))
struct WebhookTests {
    @Test func pythonVerifiesTheSignatureIncludingDuringRotation() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "webhooks")
        let old = WebhookSecret.generate()
        let new = WebhookSecret.generate()
        // The receiver has already switched to the new secret.
        try await HTTPSFake.with(webhookSecrets: [new]) { fake in
            try await withExecutor { executor in
                let sender = WebhookSender(http: fake.client(executor: executor))
                let body = Data(#"{"type":"conversion.created","data":{"order":"A-1001","value":42.5}}"#.utf8)
                let id = WebhookSender.messageID()
                let response = try await sender.deliver(to: fake.url("/webhook"), body: body, secrets: [new], id: id, logger: logger)
                #expect(response.status == 204)
                // During the overlap both secrets sign; a receiver on either accepts.
                try await sender.deliver(to: fake.url("/webhook"), body: body, secrets: [old, new], logger: logger)

                let error = await #expect(throws: IntegrationError.self) {
                    try await sender.deliver(to: fake.url("/webhook"), body: body, secrets: [old], logger: logger)
                }
                #expect(error?.status == 401)

                let state = try await fake.state(executor: executor)
                let accepted = try #require(state["webhooks"] as? [[String: Any]])
                #expect(accepted.count == 2)
                #expect(accepted.first?["id"] as? String == id)
                #expect(accepted.first?["body"] as? String == String(decoding: body, as: UTF8.self))
                #expect(accepted.last?["signatures"] as? Int == 2)
                #expect(state["rejected_webhooks"] as? Int == 1)
                OAuthTests.expectNoSecret([old.encoded, new.encoded, String(old.encoded.dropFirst(6))], in: logs)
            }
        }
    }

    @Test func signaturesFollowTheSpecification() throws {
        // The example of the Standard Webhooks specification's reference implementations.
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let body = Data(#"{"test": 2432232314}"#.utf8)
        let signature = WebhookSignature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body,
                                              secrets: [secret])
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let now = Date(timeIntervalSince1970: 1_614_265_330)
        #expect(WebhookSignature.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body,
                                        header: "v1,bogus " + signature, secrets: [secret], now: now))
        #expect(!WebhookSignature.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
                                         body: body + Data(" ".utf8), header: signature, secrets: [secret], now: now))
        #expect(!WebhookSignature.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body,
                                         header: signature, secrets: [secret], now: now.addingTimeInterval(600)))
        let generated = WebhookSecret.generate()
        #expect(try WebhookSecret(generated.encoded).key == generated.key)
        #expect("\(generated)" == "whsec_[REDACTED]")
    }
}
