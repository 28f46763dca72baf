import COpenSSL
import Logging
public import NIOCore

extension OpenSSLHandler {
    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let ciphertext = unwrapInboundIn(data)
        guard let networkIn, state != .closed else { return }
        _ = ciphertext.withUnsafeReadableBytes { BIO_write(networkIn, $0.baseAddress, Int32($0.count)) }
        switch state {
        case .handshaking: advanceHandshake(context: context)
        case .active, .closing: readPlaintext(context: context)
        case .closed: break
        }
    }

    /// Runs the handshake as far as the bytes received allow.
    func advanceHandshake(context: ChannelHandlerContext) {
        guard let ssl else { return }
        let result = SSL_do_handshake(ssl)
        if result == 1 {
            flushNetwork(context: context)
            completeHandshake(context: context, ssl: ssl)
            return
        }
        switch SSL_get_error(ssl, result) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            flushNetwork(context: context)
        default:
            fail(context: context, handshakeError(ssl))
        }
    }

    private func completeHandshake(context: ChannelHandlerContext, ssl: OpaquePointer) {
        state = .active
        handshakeTimer?.cancel()
        let peer = SSL_get1_peer_certificate(ssl).map { X509Certificate(taking: $0) }
        let cipher = SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "?"
        let result = TLSHandshakeResult(
            peerCertificate: peer, protocolVersion: String(cString: SSL_get_version(ssl)), cipher: cipher)
        context.fireUserInboundEventTriggered(TLSEvent.handshakeCompleted(result))
        if pendingPlaintext != nil || !pendingPromises.isEmpty {
            flush(context: context)
        }
        // Application data may have arrived with the last handshake message.
        readPlaintext(context: context)
    }

    /// Decrypts everything buffered and passes it on as one buffer.
    func readPlaintext(context: ChannelHandlerContext) {
        guard let ssl else { return }
        var plaintext = context.channel.allocator.buffer(capacity: 0)
        var outcome: Int32 = SSL_ERROR_NONE
        while true {
            var result: Int32 = 0
            plaintext.writeWithUnsafeMutableBytes(minimumWritableBytes: 16_384) { pointer in
                result = SSL_read(ssl, pointer.baseAddress, Int32(pointer.count))
                return max(Int(result), 0)
            }
            if result <= 0 {
                outcome = SSL_get_error(ssl, result)
                break
            }
        }
        if plaintext.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(plaintext))
        }
        switch outcome {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            break
        case SSL_ERROR_ZERO_RETURN:
            // The peer sent close_notify: answer it and close.
            logger.debug("TLS peer closed the connection")
            context.close(promise: nil)
        default:
            fail(context: context, TLSError.fromQueue(.connectionFailed, "cannot read a TLS record"))
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        flushNetwork(context: context)
        context.fireChannelReadComplete()
    }

    /// The handshake's failure, with the certificate verdict when that was the cause.
    private func handshakeError(_ ssl: OpaquePointer) -> TLSError {
        let verdict = SSL_get_verify_result(ssl)
        var error = TLSError.fromQueue(.handshakeFailed, "TLS handshake failed")
        if verdict != X509_V_OK {
            error.message += " (certificate: \(String(cString: X509_verify_cert_error_string(verdict))))"
        }
        return error
    }

    /// Logs, sends any alert OpenSSL produced, reports the error and closes.
    func fail(context: ChannelHandlerContext, _ error: TLSError) {
        guard state != .closed else { return }
        logger.notice("TLS connection refused", metadata: [
            "tls_error": "\(error.message)",
            "tls_peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")",
        ])
        flushNetwork(context: context)
        state = .closed
        failPending(error)
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
}
