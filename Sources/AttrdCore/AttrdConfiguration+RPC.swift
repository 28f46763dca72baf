import LayeredConfig
import TLS

extension AttrdConfiguration {
    /// How the RPC server runs, beyond where it listens.
    public struct RPC: Sendable, Hashable {
        /// The lowest TLS version accepted: `1.3` (default) or `1.2`.
        public var minimumTLSVersion: TLSVersion = .tls13
        /// Serve arpc.test.v1.TestService too (for the contract tests and diagnostics).
        public var enableInteropService = false
        /// How long in-flight calls may run after SIGTERM before they are cancelled.
        public var shutdownGracePeriodSeconds = 30
        /// Run each connection's calls on its event loop (fewer thread hops) rather than the cooperative pool.
        public var handlersOnEventLoop = true

        public enum TLSVersion: String, Sendable, Hashable {
            case tls12 = "1.2"
            case tls13 = "1.3"
        }

        public init() {}

        static let defaults = RPC()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            let keys = Keys.self
            minimumTLSVersion = try layers.value(keys.tlsMinimumVersion, default: .tls13) { (text: String) throws(InvalidValue) in
                guard let version = TLSVersion(rawValue: text) else { throw InvalidValue("expected 1.2 or 1.3") }
                return version
            }
            enableInteropService = try layers.value(keys.enableInteropService, default: false, ValueParsers.boolean)
            shutdownGracePeriodSeconds = try layers.value(
                keys.shutdownGracePeriod, default: 30, ValueParsers.integer(in: 0...3600))
            handlersOnEventLoop = try layers.value(keys.handlersOnEventLoop, default: true, ValueParsers.boolean)
        }

        var minimumVersion: TLSContext.MinimumVersion {
            minimumTLSVersion == .tls12 ? .tls12 : .tls13
        }
    }
}
