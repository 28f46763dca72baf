import Foundation
import Identity
import Logging
import NIOCore
import TLS
import Wire

/// Runs one client connection on its event loop: checks the client's identity
/// once TLS is up, feeds decoded frames to `ServerConnectionState`, carries out
/// its actions, and hands each accepted call up the pipeline as a `ServerCall`.
/// Frames written in one event-loop tick go out in one flush.
final class ServerConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = FrameDecoder.Event
    typealias InboundOut = ServerCall
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    struct LiveStream {
        let stream: ServerStream
        let tenant: Foundation.UUID
        var deadline: Scheduled<Void>?
    }

    let configuration: RPCServer.Configuration
    let router: Router
    let tenantLimiter: TenantCallLimiter
    var logger: Logger
    var state: ServerConnectionState
    var context: ChannelHandlerContext?
    var principal: Principal?
    /// The client's address, as the calls' contexts and the logs show it.
    var peer = "?"
    /// This connection's number in the process, part of each call's id.
    let connectionNumber = CallID.nextConnection()
    var streams: [UInt32: LiveStream] = [:]
    var batch = FrameBatch()
    var idleTimer: Scheduled<Void>?
    var keepalive = KeepaliveState()
    var graceTimer: Scheduled<Void>?
    var closing = false
    /// A read held back while the client is not reading what we write.
    var readHeld = false
    /// Room for response messages; writers wait while there is none.
    let outbound: OutboundGate
    /// Bytes of reserved messages in `batch`, released to `outbound` once flushed.
    var batchReserved = 0

    init(configuration: RPCServer.Configuration, router: Router, tenantLimiter: TenantCallLimiter, logger: Logger) {
        self.configuration = configuration
        self.router = router
        self.tenantLimiter = tenantLimiter
        self.logger = logger
        self.outbound = OutboundGate(limit: configuration.writeBufferWaterMark.high)
        self.state = ServerConnectionState(
            local: configuration.settings,
            pingLimit: RateLimit(limit: configuration.maxPingsPerWindow, per: configuration.abuseWindow),
            cancelLimit: RateLimit(limit: configuration.maxCancelsPerWindow, per: configuration.abuseWindow)
        )
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if let hook = configuration.onWriterWaitingForRoom {
            let channel = context.channel
            outbound.observe { hook(channel) }
        }
        peer = context.channel.remoteAddress.map { "\($0)" } ?? "?"
        logger[.peer] = "\(peer)"
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case .handshakeCompleted(let handshake)? = event as? TLSEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        do {
            let principal = try PeerIdentity.principal(from: handshake, trustDomain: configuration.trustDomain)
            self.principal = principal
            logger[.tenant] = "\(principal.tenantID.uuidString.lowercased())"
            logger[.principal] = "\(principal.kind.rawValue):\(principal.id)"
            logger.debug("client connected", metadata: ["tls_version": "\(handshake.protocolVersion)"])
            resetIdleTimer()
        } catch {
            logger.notice("client identity refused", metadata: ["rpc_error": "\(error)"])
            connectionError(WireError(code: .identityRejected, message: error.message))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard principal != nil, !closing else { return }
        let now = context.eventLoop.now
        keepalive.lastFrame = now
        perform(state.received(unwrapInboundIn(data), at: now))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushNow()
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? WireError {
            logger.notice("protocol error", metadata: ["rpc_error": "\(error)"])
            connectionError(error)
        } else {
            logger.debug("connection error", metadata: ["rpc_error": "\(error)"])
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closing = true
        for (_, live) in streams {
            live.deadline?.cancel()
            live.stream.cancel(.cancelled)
            tenantLimiter.release(live.tenant)
        }
        streams = [:]
        outbound.close()
        idleTimer?.cancel()
        graceTimer?.cancel()
        keepalive.cancel()
        context.fireChannelInactive()
    }

    /// Outbound backpressure: while the socket cannot take more (the client is
    /// not reading), stop reading its frames, so that our replies to them
    /// (trailers, pongs, window updates) cannot pile up without bound; response
    /// messages wait in `outbound` meanwhile.
    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readHeld = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        outbound.update(released: 0, writable: context.channel.isWritable)
        if context.channel.isWritable, readHeld {
            readHeld = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        if event is RPCServer.GracefulShutdownEvent {
            beginGracefulShutdown()
            promise?.succeed()
        } else {
            context.triggerUserOutboundEvent(event, promise: promise)
        }
    }
}

