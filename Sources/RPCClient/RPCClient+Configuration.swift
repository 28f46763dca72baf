import Foundation
public import NIOCore
public import Wire

extension RPCClient {
    /// Where the server is and how to reach it.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// What the client announces in SETTINGS: window, largest response, metadata size.
        public var settings: Settings
        public var connectTimeout: TimeAmount
        /// Reconnection backoff: the first delay, its growth factor and its ceiling.
        /// Each delay is drawn uniformly from 0 up to the current value ("full jitter").
        public var backoff: Backoff

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
            self.settings = .defaults
            self.connectTimeout = .seconds(10)
            self.backoff = Backoff()
        }
    }

    public struct Backoff: Sendable {
        public var initial: TimeAmount = .milliseconds(100)
        public var multiplier: Double = 2
        public var maximum: TimeAmount = .seconds(30)

        public init() {}

        /// The ceiling of the delay after `failures` consecutive failures (1-based).
        func ceiling(after failures: Int) -> TimeAmount {
            let nanos = Double(initial.nanoseconds) * pow(multiplier, Double(max(failures - 1, 0)))
            return .nanoseconds(Int64(min(nanos, Double(maximum.nanoseconds))))
        }
    }
}
