public import NIOCore
public import SwiftProtobuf
public import Wire

/// Every generated protobuf message is an `RPCMessage` (the conformances are
/// declared in the generated `.arpc.swift` files): the binary encoding travels
/// as one MESSAGE frame.
extension RPCMessage where Self: SwiftProtobuf.Message {
    public init(serializedBuffer: ByteBuffer) throws {
        self = try Self(serializedBytes: Array(serializedBuffer.readableBytesView))
    }

    public func serialize(into buffer: inout ByteBuffer) throws {
        let bytes: [UInt8] = try serializedBytes()
        buffer.writeBytes(bytes)
    }
}
