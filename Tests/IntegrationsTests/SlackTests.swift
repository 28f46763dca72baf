import Foundation
import Integrations
import Logging
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasPython, "python3 or openssl is missing"))
struct SlackTests {
    @Test func webhookMessagesArriveAndTheURLIsNeverLogged() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "slack")
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let slack = SlackClient(http: fake.client(executor: executor))
                let secretPath = "/services/T0001/B0002/\(Crypto.randomBytes(12).hexString)"
                try await slack.postWebhook(url: fake.url(secretPath), text: "Pixel alert: no events for 2 h", logger: logger)
                let messages = try await fake.state(executor: executor)["slack_messages"] as? [[String: String]]
                #expect(messages == [["path": secretPath, "text": "Pixel alert: no events for 2 h"]])

                let error = await #expect(throws: IntegrationError.self) {
                    try await slack.postWebhook(url: fake.url(secretPath), json: Data("{}".utf8), logger: logger)
                }
                #expect(error?.code == .httpStatus)
                #expect(error?.status == 400)
                #expect(error?.bodyExcerpt == "no_text")
                #expect(!"\(String(describing: error))".contains(secretPath))
                OAuthTests.expectNoSecret([secretPath], in: logs)
            }
        }
    }

    @Test func fileUploadGoesThroughTheExternalUploadFlow() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "slack")
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let slack = SlackClient(
                    configuration: .init(apiBaseURL: fake.url("/api"), botToken: HTTPSFake.slackToken),
                    http: fake.client(executor: executor))
                let report = Data(Crypto.randomBytes(70_000))
                let fileID = try await slack.uploadFile(
                    channelID: "C0123", filename: "weekly.pdf", content: .bytes(report), title: "Weekly report",
                    initialComment: "This week's numbers", logger: logger)
                let files = try await fake.state(executor: executor)["slack_files"] as? [[String: Any]]
                let file = try #require(files?.first)
                #expect(file["id"] as? String == fileID)
                #expect(file["filename"] as? String == "weekly.pdf")
                #expect(file["title"] as? String == "Weekly report")
                #expect(file["channel"] as? String == "C0123")
                #expect(file["comment"] as? String == "This week's numbers")
                #expect(file["sha256"] as? String == Crypto.sha256(report).hexString)

                let stranger = SlackClient(
                    configuration: .init(apiBaseURL: fake.url("/api"), botToken: "xoxb-not-valid-token"),
                    http: fake.client(executor: executor))
                let error = await #expect(throws: IntegrationError.self) {
                    try await stranger.uploadFile(channelID: "C0123", filename: "a.txt", content: .bytes(Data("a".utf8)),
                                                  logger: logger)
                }
                #expect(error?.code == .authentication)
                #expect(error?.message.contains("invalid_auth") == true)
                OAuthTests.expectNoSecret([HTTPSFake.slackToken, "xoxb-not-valid-token"], in: logs)
            }
        }
    }
}
