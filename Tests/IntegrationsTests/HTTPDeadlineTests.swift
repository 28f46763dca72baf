import Foundation
import Integrations
import Logging
import Testing
import TestSupport

/// `HTTPClient.Configuration.deadline`: one `execute`, attempts and waits
/// together, against the local HTTPS fake.
@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasPython, "python3 or openssl is missing"))
struct HTTPDeadlineTests {
    let logger = Logger(label: "http-deadline-test")

    func client(_ fake: HTTPSFake, _ executor: CurlExecutor, deadline: Duration, retry: RetryPolicy = .quick)
        -> HTTPClient
    {
        var configuration = fake.client(executor: executor, retry: retry).configuration
        configuration.deadline = deadline
        return HTTPClient(configuration: configuration, executor: executor)
    }

    @Test func aRetryWhoseWaitWouldPassTheDeadlineIsNotMade() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                // Retry-After 50 s is within the policy's 60 s, but not within the 2 s deadline.
                let client = client(fake, executor, deadline: .seconds(2))
                try await fake.failNext("/hello", status: 503, count: 2, retryAfter: "50", executor: executor)
                let started = ContinuousClock.now
                let error = await #expect(throws: IntegrationError.self) {
                    try await client.execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                }
                // Waiting out Retry-After would take at least 50 s; the bound
                // leaves a loaded machine far more than the 2 s deadline.
                #expect(ContinuousClock.now - started < .seconds(30))
                #expect(error?.code == .httpStatus)
                #expect(error?.status == 503)
                #expect(error?.message.contains("not retried: the 2.0 seconds deadline would pass before attempt 2") == true)
                #expect(try await fake.requestCount("/hello", executor: executor) == 1)

                // A caller that reads error answers itself gets the answer instead.
                var request = HTTPRequest(url: fake.url("/hello"))
                request.throwsOnHTTPError = false
                let response = try await client.execute(request, logger: logger)
                #expect(response.status == 503)
                #expect(response.attempts == 1)
            }
        }
    }

    @Test func retriesStopAtTheDeadline() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let patient = RetryPolicy(maxAttempts: 1000, baseDelay: .milliseconds(50), maxDelay: .milliseconds(100))
                let client = client(fake, executor, deadline: .milliseconds(1500), retry: patient)
                try await fake.failNext("/hello", status: 502, count: 1000, executor: executor)
                let started = ContinuousClock.now
                let error = await #expect(throws: IntegrationError.self) {
                    try await client.execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                }
                let elapsed = ContinuousClock.now - started
                // Not before the deadline, and far from the ~75 s that 1000
                // attempts would take without one (the bound leaves room for a
                // loaded 2-core machine; the last attempt is cut to what is left).
                #expect(elapsed >= .milliseconds(1300))
                #expect(elapsed < .seconds(10))
                #expect(error.map { [.httpStatus, .timeout].contains($0.code) } == true)
                #expect(error?.message.contains("1.5 seconds deadline") == true)
                #expect(try await fake.requestCount("/hello", executor: executor) >= 1)
            }
        }
    }

    @Test func anAttemptIsCutShortByTheDeadline() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                // The answer takes 30 s; without the 1 s deadline, the attempt's
                // own total timeout (10 s) would end it. The bound sits between
                // the two, with room for a loaded 2-core machine.
                let client = client(fake, executor, deadline: .seconds(1))
                let started = ContinuousClock.now
                let error = await #expect(throws: IntegrationError.self) {
                    try await client.execute(HTTPRequest(url: fake.url("/slow?seconds=30")), logger: logger)
                }
                #expect(ContinuousClock.now - started < .seconds(8))
                #expect(error?.code == .timeout)
                #expect(error?.message.contains("the 1.0 seconds deadline passed during attempt 1") == true)
            }
        }
    }
}
