import COpenSSL
public import NIOCore

extension OpenSSLHandler {
    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard state == .handshaking || state == .active else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        var plaintext = unwrapOutboundIn(data)
        if pendingPlaintext == nil {
            pendingPlaintext = plaintext
        } else {
            pendingPlaintext!.writeBuffer(&plaintext)
        }
        if let promise { pendingPromises.append(promise) }
    }

    public func flush(context: ChannelHandlerContext) {
        guard state == .active, let ssl else { return }
        if let plaintext = pendingPlaintext, plaintext.readableBytes > 0 {
            pendingPlaintext = nil
            let written = plaintext.withUnsafeReadableBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
            guard written > 0 else {
                fail(context: context, TLSError.fromQueue(.connectionFailed, "cannot write a TLS record"))
                return
            }
        }
        pendingPlaintext = nil
        flushNetwork(context: context)
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all else {
            context.close(mode: mode, promise: promise)
            return
        }
        if state == .active, let ssl {
            flush(context: context)  // plaintext written but not yet flushed goes first
            state = .closing
            _ = SSL_shutdown(ssl)  // queues close_notify
            ERR_clear_error()
            flushNetwork(context: context)
        }
        state = .closed
        failPending(ChannelError.ioOnClosedChannel)
        context.close(mode: mode, promise: promise)
    }

    /// Sends whatever ciphertext OpenSSL has produced, completing the
    /// promises of the plaintext it carries.
    func flushNetwork(context: ChannelHandlerContext) {
        guard let networkOut else { return }
        let pending = Int(BIO_ctrl_pending(networkOut))
        let promises = pendingPlaintext == nil ? pendingPromises : []
        if pendingPlaintext == nil { pendingPromises = [] }
        guard pending > 0 else {
            promises.forEach { $0.succeed() }
            return
        }
        var ciphertext = context.channel.allocator.buffer(capacity: pending)
        ciphertext.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { pointer in
            Int(max(BIO_read(networkOut, pointer.baseAddress, Int32(pending)), 0))
        }
        var writePromise: EventLoopPromise<Void>?
        if !promises.isEmpty {
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { result in promises.forEach { $0.completeWith(result) } }
            writePromise = promise
        }
        context.writeAndFlush(wrapOutboundOut(ciphertext), promise: writePromise)
    }
}
