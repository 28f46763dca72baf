public import Identity
public import NIOCore
public import Wire

extension RPCServer {
    /// The server's address, limits and timers. `.defaults` holds the values
    /// docs/PROTOCOL.md documents.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (tests); see `RPCServer.listeningAddress`.
        public var port: Int
        public var trustDomain: TrustDomain
        /// What the server announces in SETTINGS: concurrent streams, window, message and metadata size.
        public var settings: Settings
        public var handshakeTimeout: TimeAmount
        public var idleTimeout: TimeAmount
        public var keepaliveInterval: TimeAmount
        public var keepaliveTimeout: TimeAmount
        /// PINGs and CANCELs beyond these counts within `abuseWindow` close the connection.
        public var maxPingsPerWindow: Int
        public var maxCancelsPerWindow: Int
        public var abuseWindow: TimeAmount
        /// Calls one tenant may have in flight across all connections.
        public var maxCallsPerTenant: Int
        /// How long in-flight calls may run after a graceful shutdown starts.
        public var shutdownGracePeriod: TimeAmount
        /// Whether each connection's calls (their handlers included) run on
        /// the connection's event loop rather than the cooperative thread
        /// pool: fewer thread hops per call; handlers must not block.
        public var handlersOnEventLoop: Bool
        /// Each connection's outbound buffer: past `high` unwritten bytes the
        /// channel is not writable (response messages wait, the client's
        /// frames are not read) until it drains below `low`. Bounds what a
        /// client that grants a large window and does not read can make the
        /// server hold (docs/ARCHITECTURE.md, "The RPC runtime").
        public var writeBufferWaterMark: ChannelOptions.Types.WriteBufferWaterMark
        /// Test hook: called (off the event loop) with the connection's channel
        /// each time a response writer starts waiting for room on it.
        var onWriterWaitingForRoom: (@Sendable (any Channel) -> Void)?

        public init(host: String, port: Int, trustDomain: TrustDomain) {
            self.host = host
            self.port = port
            self.trustDomain = trustDomain
            self.settings = .defaults
            self.handshakeTimeout = .seconds(10)
            self.idleTimeout = .minutes(5)
            self.keepaliveInterval = .minutes(2)
            self.keepaliveTimeout = .seconds(20)
            self.maxPingsPerWindow = 10
            self.maxCancelsPerWindow = 200
            self.abuseWindow = .seconds(10)
            self.maxCallsPerTenant = 1000
            self.shutdownGracePeriod = .seconds(30)
            self.handlersOnEventLoop = true
            self.writeBufferWaterMark = .init(low: 64 * 1024, high: 256 * 1024)
        }
    }
}
