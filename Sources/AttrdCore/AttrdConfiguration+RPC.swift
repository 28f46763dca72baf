import LayeredConfig
import TLS

extension AttrdConfiguration {
    /// How the RPC server runs, beyond where it listens.
    public struct RPC: Sendable, Hashable {
        /// The lowest TLS version accepted: `1.3` (default) or `1.2`.
        public var minimumTLSVersion = AttrdSettings.tlsMinimumVersion.defaultValue!
        /// Serve arpc.test.v1.TestService too (for the contract tests and diagnostics).
        public var enableInteropService = AttrdSettings.enableInteropService.defaultValue!
        /// How long in-flight calls may run after SIGTERM before they are cancelled.
        public var shutdownGracePeriodSeconds = AttrdSettings.shutdownGracePeriod.defaultValue!
        /// Run each connection's calls on its event loop (fewer thread hops) rather than the cooperative pool.
        public var handlersOnEventLoop = AttrdSettings.handlersOnEventLoop.defaultValue!

        public enum TLSVersion: String, Sendable, Hashable {
            case tls12 = "1.2"
            case tls13 = "1.3"
        }

        public init() {}

        static let defaults = RPC()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            typealias S = AttrdSettings
            minimumTLSVersion = try S.tlsMinimumVersion.value(in: layers)
            enableInteropService = try S.enableInteropService.value(in: layers)
            shutdownGracePeriodSeconds = try S.shutdownGracePeriod.value(in: layers)
            handlersOnEventLoop = try S.handlersOnEventLoop.value(in: layers)
        }

        var minimumVersion: TLSContext.MinimumVersion {
            minimumTLSVersion == .tls12 ? .tls12 : .tls13
        }
    }
}
