import COpenSSL
public import Logging
public import NIOCore

/// TLS for one connection, done by OpenSSL over two memory BIOs (the model of
/// Netty's OpenSSL engine): ciphertext from the network is written into one
/// BIO, OpenSSL decrypts it; plaintext writes are encrypted into the other,
/// which is drained to the network on flush. All on the channel's event loop.
///
/// Plaintext written before the handshake completes is held and sent after
/// it. Small writes between flushes are encrypted together, so a batch of
/// frames costs one TLS record rather than one each.
public final class OpenSSLHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    enum State {
        case handshaking
        case active
        case closing
        case closed
    }

    let tlsContext: TLSContext
    let handshakeTimeout: TimeAmount
    let logger: Logger
    var ssl: OpaquePointer?
    var networkIn: OpaquePointer?
    var networkOut: OpaquePointer?
    var state = State.handshaking
    /// Plaintext not yet handed to OpenSSL, and the promises of its writes.
    var pendingPlaintext: ByteBuffer?
    var pendingPromises: [EventLoopPromise<Void>] = []
    var handshakeTimer: Scheduled<Void>?

    public init(context: TLSContext, handshakeTimeout: TimeAmount = .seconds(10), logger: Logger) {
        self.tlsContext = context
        self.handshakeTimeout = handshakeTimeout
        self.logger = logger
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        do {
            let ssl = try tlsContext.makeConnection()
            let input = BIO_new(BIO_s_mem())!
            let output = BIO_new(BIO_s_mem())!
            attr_bio_set_mem_retry_on_empty(input)
            attr_bio_set_mem_retry_on_empty(output)
            SSL_set_bio(ssl, input, output)  // the SSL owns both BIOs from here
            self.ssl = ssl
            self.networkIn = input
            self.networkOut = output
        } catch {
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
        if context.channel.isActive { start(context: context) }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        handshakeTimer?.cancel()
        if let ssl { SSL_free(ssl) }
        ssl = nil
        failPending(ChannelError.ioOnClosedChannel)
    }

    public func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    public func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        handshakeTimer?.cancel()
        failPending(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    private func start(context: ChannelHandlerContext) {
        guard handshakeTimer == nil, ssl != nil else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        handshakeTimer = context.eventLoop.scheduleTask(in: handshakeTimeout) {
            let (handler, context) = loopBound.value
            guard handler.state == .handshaking else { return }
            handler.fail(context: context, TLSError(code: .handshakeTimeout,
                                                    message: "no TLS handshake within \(handler.handshakeTimeout)"))
        }
        if case .client = tlsContext.role { advanceHandshake(context: context) }
    }

    func failPending(_ error: any Error) {
        let promises = pendingPromises
        pendingPromises = []
        pendingPlaintext = nil
        promises.forEach { $0.fail(error) }
    }
}
