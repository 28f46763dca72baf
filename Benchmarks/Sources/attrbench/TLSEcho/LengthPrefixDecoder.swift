import NIOCore

/// Splits a byte stream into messages, each a 4-byte big-endian length then
/// that many bytes: the raw TLS echo's whole protocol. The length is checked
/// against the limit before any payload is buffered.
struct LengthPrefixDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    static let maximumLength = 16 * 1024 * 1024

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return .needMoreData }
        guard length <= Self.maximumLength else { throw BenchFailure("echo message of \(length) bytes exceeds the limit") }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        context.fireChannelRead(Self.wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

extension ByteBuffer {
    /// `body` framed for the raw TLS echo.
    mutating func writeEchoMessage(_ body: ByteBuffer) {
        writeInteger(UInt32(body.readableBytes))
        writeImmutableBuffer(body)
    }
}
