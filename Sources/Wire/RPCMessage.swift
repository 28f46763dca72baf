public import NIOCore

/// A message that travels in MESSAGE frames. Generated protobuf types conform
/// through a small adapter; `ByteBuffer` itself conforms, for raw payloads.
public protocol RPCMessage: Sendable {
    init(serializedBuffer: ByteBuffer) throws
    func serialize(into buffer: inout ByteBuffer) throws
}

extension ByteBuffer: RPCMessage {
    public init(serializedBuffer: ByteBuffer) { self = serializedBuffer }
    public func serialize(into buffer: inout ByteBuffer) { buffer.writeImmutableBuffer(self) }
}
