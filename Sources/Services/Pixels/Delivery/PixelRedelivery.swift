import ServiceKit
public import Integrations
import Logging
import AttributionStore
import Foundation

/// Sends stored events to their platforms again. One attempt per event and
/// call (no automatic retries: the caller sees and counts every attempt);
/// at most `concurrency` in flight; each attempt bounded by the transport's
/// total timeout and by the time the call has left.
public struct PixelRedelivery: Sendable {
    public let executor: CurlExecutor
    /// The HTTP client settings of every attempt (its retry policy is ignored: one attempt).
    public let http: HTTPClient.Configuration
    public let endpoints: PlatformEndpoints
    public var concurrency = 8
    /// How long a retry's claim on an event lasts: longer than an attempt
    /// (the transport's total timeout) and its recording, so it lapses only
    /// when attrd stopped mid-attempt or could not store the outcome.
    public var claimLease: Duration

    public init(executor: CurlExecutor, configuration: HTTPClient.Configuration, endpoints: PlatformEndpoints = .defaults) {
        self.executor = executor
        var http = configuration
        http.retry = .never
        self.http = http
        self.endpoints = endpoints
        claimLease = configuration.transport.totalTimeout + .seconds(45)
    }

    /// How much longer than its timeout an attempt may wait for a pool thread.
    static let threadWaitGrace: Duration = .milliseconds(250)

    /// The longest one attempt may take.
    var attemptLimit: Duration { http.transport.totalTimeout }

    /// One attempt that ends within `time` (at most `attemptLimit`).
    func deliver(_ event: DeliverableEvent, destination: PixelDestination, within time: Duration, logger: Logger) async -> DeliveryResult {
        guard let request = PlatformRequest.make(event, to: destination, endpoints: endpoints) else {
            return .failed("invalid_event", "the event cannot be encoded for \(event.row.platform)")
        }
        var bounded = http
        bounded.transport.totalTimeout = min(http.transport.totalTimeout, time)
        bounded.transport.connectTimeout = min(http.transport.connectTimeout, time)
        let client = HTTPClient(configuration: bounded, executor: executor)
        // libcurl ends the attempt at `time` from when a pool thread takes
        // it; this timer, a little later, ends one still waiting for a thread.
        let answer = await withTaskGroup(of: Result<HTTPResponse, IntegrationError>?.self) { group in
            group.addTask { () async -> Result<HTTPResponse, IntegrationError>? in
                do throws(IntegrationError) {
                    return .success(try await client.execute(request, logger: logger))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: time + Self.threadWaitGrace)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch answer {
        case .success(let response):
            return DeliveryResult(platform: event.row.platform, response: response, secrets: request.secrets)
        case .failure(let error) where error.code != .timeout:
            return DeliveryResult(error: error)
        case .failure, nil:
            let seconds = String(format: "%.1f", Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18)
            let limit = time < attemptLimit ? "the \(seconds) s left before the call's deadline" : "\(seconds) s (the outbound timeout)"
            return .failed("network", "no answer from \(event.row.platform) within \(limit); it may still have received the event")
        }
    }
}
