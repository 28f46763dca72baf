import Foundation
import Integrations
@testable import Pixels
import ServiceKit
import Testing

/// The pure parts of RetryEvents: the deadline budget and the redacted
/// excerpt of a platform's answer (no database, no network).
struct RetryDeliveryUnitTests {
    static let start = ContinuousClock.now

    @Test func theBudgetKeepsAReserveAndAMinimumAttempt() {
        let limit = Duration.seconds(15)
        #expect(RetryBudget(deadline: nil, now: Self.start).attemptTime(now: Self.start, limit: limit) == limit)
        // attrctl's 120 s: a 2 s reserve; attempts shrink towards the end, then stop.
        let long = RetryBudget(deadline: Self.start + .seconds(120), now: Self.start)
        #expect(long.sendBy == Self.start + .seconds(118))
        #expect(long.attemptTime(now: Self.start, limit: limit) == limit)
        #expect(long.attemptTime(now: Self.start + .seconds(110), limit: limit) == .seconds(8))
        #expect(long.attemptTime(now: Self.start + .seconds(117), limit: limit) == .seconds(1))
        #expect(long.attemptTime(now: Self.start + .milliseconds(117_001), limit: limit) == nil)
        // A short deadline keeps a quarter.
        let short = RetryBudget(deadline: Self.start + .seconds(4), now: Self.start)
        #expect(short.attemptTime(now: Self.start, limit: limit) == .seconds(3))
        #expect(RetryBudget(deadline: Self.start + .milliseconds(1200), now: Self.start).attemptTime(now: Self.start, limit: limit) == nil)
        // A deadline already past leaves nothing.
        #expect(RetryBudget(deadline: Self.start - .seconds(1), now: Self.start).attemptTime(now: Self.start, limit: limit) == nil)
    }

    @Test func aSecretStraddlingTheCutLeavesNoFragment() {
        let secret = "s3cr3t-TOKEN-0123456789"
        let body = String(repeating: "x", count: 290) + secret + String(repeating: "y", count: 50)
        let response = HTTPResponse(status: 401, headers: [], body: Data(body.utf8))
        let result = DeliveryResult(platform: "meta", response: response, secrets: [secret])
        #expect(result.errorType == "authentication")
        let message = result.message ?? ""
        #expect(message == "HTTP 401: " + String(repeating: "x", count: 290) + "[REDACTED]…")
        #expect(!message.contains(String(secret.prefix(4))))
        // Not cut when it fits.
        let short = DeliveryResult(platform: "meta", response: HTTPResponse(status: 500, headers: [], body: Data("busy".utf8)), secrets: [])
        #expect(short.message == "HTTP 500: busy" && short.errorType == "platform_error")
    }

    @Test func theSecretIsRedactedInEveryFormAPlatformMayQuote() {
        let forms = PlatformRequest.secretForms(#"a/b"c\d+e"#)
        #expect(forms == [#"a/b"c\d+e"#, "a%2Fb%22c%5Cd%2Be", #"a/b\"c\\d+e"#, #"a\/b\"c\\d+e"#])
        #expect(PlatformRequest.secretForms("plain-token") == ["plain-token", "plain%2Dtoken"])
        let quoted = "bad token a%2Fb%22c%5Cd%2Be / " + #"a\/b\"c\\d+e"#
        let result = DeliveryResult(platform: "ga4", response: HTTPResponse(status: 403, headers: [], body: Data(quoted.utf8)), secrets: forms)
        #expect(result.message == "HTTP 403: bad token [REDACTED] / [REDACTED]")
    }
}
