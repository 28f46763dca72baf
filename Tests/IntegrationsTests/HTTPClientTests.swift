import Foundation
import Integrations
import Logging
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasPython, "python3 or openssl is missing"))
struct HTTPClientTests {
    let logger = Logger(label: "http-test")

    @Test func getsOverVerifiedTLSAndRefusesAnUnknownCA() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let response = try await fake.client(executor: executor).execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                #expect(response.status == 200)
                #expect(response.text == "hello")
                #expect(response.header("content-type") == "text/plain")

                // Without the test CA (system trust only) the self-signed certificate is refused.
                let untrusting = HTTPClient(configuration: .init(transport: .init(proxy: nil), retry: .never), executor: executor)
                let error = await #expect(throws: IntegrationError.self) {
                    try await untrusting.execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                }
                #expect(error?.code == .tls)
            }
        }
    }

    @Test func retriesIdempotentRequestsOn5xxButNotPosts() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = fake.client(executor: executor)
                try await fake.failNext("/hello", status: 502, count: 2, executor: executor)
                let response = try await client.execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                #expect(response.status == 200)
                #expect(response.attempts == 3)
                #expect(try await fake.requestCount("/hello", executor: executor) == 3)

                try await fake.failNext("/echo", status: 500, count: 1, executor: executor)
                let error = await #expect(throws: IntegrationError.self) {
                    try await client.execute(
                        HTTPRequest(method: "POST", url: fake.url("/echo"), body: .bytes(Data("once".utf8))), logger: logger)
                }
                #expect(error?.code == .httpStatus)
                #expect(error?.status == 500)
                #expect(error?.bodyExcerpt?.contains("injected") == true)
                #expect(try await fake.requestCount("/echo", executor: executor) == 1)
            }
        }
    }

    @Test func honoursRetryAfterOn429EvenForPosts() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                try await fake.failNext("/echo", status: 429, count: 1, retryAfter: "1", executor: executor)
                let started = ContinuousClock.now
                let response = try await fake.client(executor: executor).execute(
                    HTTPRequest(method: "POST", url: fake.url("/echo"), body: .bytes(Data("payload".utf8))), logger: logger)
                #expect(ContinuousClock.now - started >= .milliseconds(950))
                #expect(response.text == "payload")
                #expect(response.attempts == 2)
            }
        }
    }

    @Test func capsResponsesRedirectsAndTime() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = fake.client(executor: executor, retry: .never, maxResponseBytes: 64 * 1024, maxRedirects: 2)
                let impatient = fake.client(executor: executor, retry: .never, totalTimeout: .milliseconds(500))
                let tooBig = await #expect(throws: IntegrationError.self) {
                    try await client.execute(HTTPRequest(url: fake.url("/bytes?size=200000")), logger: logger)
                }
                #expect(tooBig?.code == .responseTooLarge)

                let arrived = try await client.execute(HTTPRequest(url: fake.url("/redirect?n=2")), logger: logger)
                #expect(arrived.text == "arrived")
                let loop = await #expect(throws: IntegrationError.self) {
                    try await client.execute(HTTPRequest(url: fake.url("/redirect?n=3")), logger: logger)
                }
                #expect(loop?.code == .tooManyRedirects)

                let slow = await #expect(throws: IntegrationError.self) {
                    try await impatient.execute(HTTPRequest(url: fake.url("/slow?seconds=3")), logger: logger)
                }
                #expect(slow?.code == .timeout)
            }
        }
    }

    @Test func streamsUploadsFromAndDownloadsToFiles() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let payload = Data(Crypto.randomBytes(300_000))
                let source = directory.path("upload.bin")
                let target = directory.path("download.bin")
                try payload.write(to: URL(fileURLWithPath: source))
                let response = try await fake.client(executor: executor).execute(
                    HTTPRequest(method: "POST", url: fake.url("/echo"), body: .file(path: source), download: .file(path: target)),
                    logger: logger)
                #expect(response.status == 200)
                #expect(response.body.isEmpty)
                #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == payload)

                // A download cut short by the size cap leaves no truncated file behind.
                let capped = fake.client(executor: executor, retry: .never, maxResponseBytes: 100_000)
                let error = await #expect(throws: IntegrationError.self) {
                    try await capped.execute(HTTPRequest(url: fake.url("/bytes?size=250000"), download: .file(path: target)),
                                             logger: logger)
                }
                #expect(error?.code == .responseTooLarge)
                #expect(!FileManager.default.fileExists(atPath: target))
            }
        }
    }

    @Test func connectionRefusedIsAConnectError() async throws {
        let port = try Fixtures.freePort()
        try await withExecutor { executor in
            let client = HTTPClient(configuration: .init(transport: .init(proxy: nil), retry: .quick), executor: executor)
            let error = await #expect(throws: IntegrationError.self) {
                try await client.execute(HTTPRequest(url: "https://127.0.0.1:\(port)/"), logger: logger)
            }
            #expect(error?.code == .connect)
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        try await HTTPSFake.with { fake in
            try await withExecutor { executor in
                let client = fake.client(executor: executor, retry: .never)
                // Cancelled before it starts.
                let early = Task { try await client.execute(HTTPRequest(url: fake.url("/hello")), logger: logger) }
                early.cancel()
                if case .failure(let error as IntegrationError) = await early.result { #expect(error.code == .cancelled) }

                // Cancelled while the server holds the response (for 30 s): the
                // transfer ends long before the server would answer (libcurl
                // checks the flag at least once a second; the bound allows for load).
                let task = Task { try await client.execute(HTTPRequest(url: fake.url("/slow?seconds=30&id=mid")), logger: logger) }
                _ = try await fake.process.waitForLine(prefix: "SLOW seconds=30&id=mid")
                let cancelled = ContinuousClock.now
                task.cancel()
                let result = await task.result
                #expect(ContinuousClock.now - cancelled < .seconds(10))
                guard case .failure(let error as IntegrationError) = result else {
                    Issue.record("the cancelled request did not fail: \(result)")
                    return
                }
                #expect(error.code == .cancelled)
            }
        }
    }

    @Test func requestsGoThroughTheConfiguredProxy() async throws {
        try await HTTPSFake.with { fake in
            try await withFixture({ try await Fixtures.python("connect_proxy.py") }) { proxy, fields in
                try await withExecutor { executor in
                    let settings = ProxySettings.fromEnvironment(["https_proxy": "http://127.0.0.1:\(fields[1])"])
                    let client = HTTPClient(
                        configuration: .init(transport: .init(caBundlePath: fake.caBundle, proxy: settings), retry: .never),
                        executor: executor)
                    let response = try await client.execute(HTTPRequest(url: fake.url("/hello")), logger: logger)
                    #expect(response.text == "hello")
                    // The proxy printed the tunnel it opened for us.
                    let line = try await proxy.waitForLine(prefix: "CONNECT ", timeout: .seconds(5))
                    #expect(line == "CONNECT 127.0.0.1:\(fake.port)")
                }
            }
        }
    }

    /// A name with a 64-octet label cannot be put in a DNS query (RFC 1035
    /// allows 63), so the resolver fails without sending one: the test
    /// sends nothing off this machine (checked with strace: no connect to
    /// port 53, where `no-such-host.invalid` makes one).
    @Test func anUnresolvableHostIsADNSError() async throws {
        let unresolvable = String(repeating: "a", count: 64) + ".invalid"
        try await withExecutor { executor in
            let client = HTTPClient(configuration: .init(transport: .init(proxy: nil), retry: .never), executor: executor)
            let error = await #expect(throws: IntegrationError.self) {
                try await client.execute(HTTPRequest(url: "https://\(unresolvable)/"), logger: logger)
            }
            #expect(error?.code == .dns)
            #expect(error?.message.contains("resolve host") == true)

            // The same for the proxy's name (the target, a loopback address, is never reached).
            let proxied = HTTPClient(
                configuration: .init(transport: .init(proxy: ProxySettings(https: "http://\(unresolvable):3128")), retry: .never),
                executor: executor)
            let proxyError = await #expect(throws: IntegrationError.self) {
                try await proxied.execute(HTTPRequest(url: "https://127.0.0.1:\(try Fixtures.freePort())/"), logger: logger)
            }
            #expect(proxyError?.code == .dns)
            #expect(proxyError?.message.contains("resolve proxy") == true)
        }
    }

    @Test func headerInjectionIsRefused() async throws {
        try await withExecutor { executor in
            let client = HTTPClient(configuration: .init(transport: .init(proxy: nil), retry: .never), executor: executor)
            let request = HTTPRequest(url: "https://127.0.0.1:\(try Fixtures.freePort())/",
                                      headers: [("X-Note", "a\r\nX-Injected: yes")])
            let error = await #expect(throws: IntegrationError.self) { try await client.execute(request, logger: logger) }
            #expect(error?.code == .invalidRequest)
        }
    }

    @Test func retryAfterAndBackoff() {
        #expect(RetryPolicy.parseRetryAfter("7") == .seconds(7))
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(250))
        for attempt in 1...6 {
            let delay = policy.backoff(afterAttempt: attempt)
            #expect(delay >= .zero && delay <= min(.milliseconds(250), .milliseconds(100) * (1 << (attempt - 1))))
        }
        #expect(policy.retries(status: 429, idempotent: false))
        #expect(!policy.retries(status: 500, idempotent: false))
        #expect(policy.retries(status: 500, idempotent: true))
        #expect(!policy.retries(status: 404, idempotent: true))
    }
}
