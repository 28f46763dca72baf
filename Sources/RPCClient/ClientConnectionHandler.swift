import DequeModule
import Logging
import NIOCore
import TLS
import Wire

/// The client side of one ARPC/1 connection, on its event loop: sends the
/// preface and SETTINGS, opens streams (queuing them beyond the server's
/// MAX_CONCURRENT_STREAMS), routes the server's frames to them, answers PINGs,
/// and honours GOAWAY.
final class ClientConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = FrameDecoder.Event
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    struct Entry {
        let stream: ClientStream
        var receiveWindow: Int64
        var deadline: Scheduled<Void>?
    }

    struct PendingOpen {
        /// Names the call for a cancellation that arrives while it waits.
        let token: UInt64
        var head: CallHead
        let firstMessage: ByteBuffer?
        let promise: EventLoopPromise<ClientStream>
        /// The call's deadline runs while it waits for a stream, too.
        let deadline: NIODeadline?
        /// Set only when the call has to wait (most calls get a stream at once).
        var timer: Scheduled<Void>?
    }

    let localSettings: Settings
    let logger: Logger
    var context: ChannelHandlerContext?
    var peerSettings = Settings.defaults
    var streams: [UInt32: Entry] = [:]
    var pending = Deque<PendingOpen>()
    var nextStreamID: UInt32 = 1
    /// Set once the server sent GOAWAY or the connection failed: no new streams.
    var unusable: RPCError?
    var batch = FrameBatch()
    var prefaceSent = false
    /// Streams open only once the server's SETTINGS (its limits) have arrived.
    var peerSettingsReceived = false
    /// Called (on the loop) when the connection can take no new calls.
    let onUnusable: @Sendable () -> Void
    /// Completed with the server's SETTINGS, or failed if the connection ends before they arrive.
    let serverSettings: EventLoopPromise<Settings>

    init(
        settings: Settings, logger: Logger, serverSettings: EventLoopPromise<Settings>,
        onUnusable: @escaping @Sendable () -> Void
    ) {
        self.localSettings = settings
        self.logger = logger
        self.serverSettings = serverSettings
        self.onUnusable = onUnusable
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { sendPreface() }
    }

    func channelActive(context: ChannelHandlerContext) {
        sendPreface()
        context.fireChannelActive()
    }

    private func sendPreface() {
        guard !prefaceSent else { return }
        prefaceSent = true
        batch.append(ConnectionPreface.current)
        batch.append(.settings(localSettings))
        flushNow()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .frame(let frame) = unwrapInboundIn(data) else {
            if case .messageTooLarge(0, _) = unwrapInboundIn(data) {
                connectionFailed(WireError(code: .protocolError, message: "MESSAGE on stream 0"))
            } else if case .messageTooLarge(let id, let length) = unwrapInboundIn(data) {
                failStream(id, RPCError(code: .resourceExhausted,
                                        message: "response of \(length) bytes exceeds the limit of \(localSettings.maxMessageSize)"),
                           cancel: true)
            }
            return
        }
        received(frame)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushNow()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let reason: RPCError
        switch error {
        case let error as TLSError: reason = RPCError(code: .unavailable, message: "TLS: \(error.message)")
        case let error as WireError: reason = RPCError(code: .internal, message: "protocol error: \(error)")
        default: reason = RPCError(code: .unavailable, message: "connection failed: \(error)")
        }
        markUnusable(reason)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        markUnusable(unusable ?? RPCError(code: .unavailable, message: "connection closed"))
        context.fireChannelInactive()
    }
}
