import Logging
import NIOCore
import NIOPosix
import Synchronization
import TLS
import Wire

/// One established connection to the server: a channel and its handler.
final class ClientConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<ClientConnectionHandler>
    /// The server's SETTINGS (its limits), once they arrived.
    let serverSettings: EventLoopFuture<Settings>
    private let usable = Atomic<Bool>(true)
    private let nextToken = Atomic<UInt64>(0)

    private init(channel: any Channel, handler: NIOLoopBound<ClientConnectionHandler>, serverSettings: EventLoopFuture<Settings>) {
        self.channel = channel
        self.handler = handler
        self.serverSettings = serverSettings
    }

    /// False once the server sent GOAWAY or the connection failed.
    var isUsable: Bool { usable.load(ordering: .acquiring) && channel.isActive }

    static func connect(
        to configuration: RPCClient.Configuration,
        tls: TLSContext,
        group: any EventLoopGroup,
        logger: Logger
    ) async throws -> ClientConnection {
        let box = UnusableSignal()
        let (channel, handler, serverSettings) = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(configuration.connectTimeout)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let serverSettings = channel.eventLoop.makePromise(of: Settings.self)
                    let handler = ClientConnectionHandler(
                        settings: configuration.settings, logger: logger, serverSettings: serverSettings
                    ) {
                        box.fire()
                    }
                    let operations = channel.pipeline.syncOperations
                    try operations.addHandler(OpenSSLHandler(context: tls, handshakeTimeout: configuration.connectTimeout, logger: logger))
                    try operations.addHandler(ByteToMessageHandler(
                        FrameDecoder(expectsPreface: false, maxMessageSize: Int(configuration.settings.maxMessageSize))))
                    try operations.addHandler(handler)
                    return (channel, NIOLoopBound(handler, eventLoop: channel.eventLoop), serverSettings.futureResult)
                }
            }
        let connection = ClientConnection(channel: channel, handler: handler, serverSettings: serverSettings)
        box.attach(connection)
        return connection
    }

    func markUnusable() {
        usable.store(false, ordering: .releasing)
    }

    /// Opens a stream; `firstMessage`, when given, is sent with END_STREAM in the same flush.
    func open(_ head: CallHead, firstMessage: ByteBuffer?) async throws -> ClientStream {
        let promise = channel.eventLoop.makePromise(of: ClientStream.self)
        let handler = self.handler
        let token = nextToken.wrappingAdd(1, ordering: .relaxed).newValue
        ClientConnectionLink(eventLoop: channel.eventLoop, handler: handler).run {
            $0.open(head, firstMessage: firstMessage, token: token, promise: promise)
        }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            handler.eventLoop.execute {
                handler.value.dropPending(token, RPCError(code: .cancelled, message: "call cancelled"))
            }
        }
    }
}

/// Lets the handler mark its connection unusable, once the connection exists.
/// Holds the connection weakly: the connection owns the handler, which owns this.
private final class UnusableSignal: Sendable {
    private struct State {
        var fired = false
        weak var connection: ClientConnection?
    }

    private let state = Mutex(State())

    func fire() {
        let connection = state.withLock { state -> ClientConnection? in
            state.fired = true
            return state.connection
        }
        connection?.markUnusable()
    }

    func attach(_ connection: ClientConnection) {
        let fired = state.withLock { state -> Bool in
            state.connection = connection
            return state.fired
        }
        if fired { connection.markUnusable() }
    }
}
