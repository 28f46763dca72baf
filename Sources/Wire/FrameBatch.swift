public import NIOCore

/// Frames queued during one event-loop tick, to be written out together: one
/// write and one TLS record for everything that completed at once.
public struct FrameBatch {
    private var buffer: ByteBuffer?
    private var flushScheduled = false

    public init() {}

    public mutating func append(_ frame: Frame) {
        if buffer == nil { buffer = ByteBufferAllocator().buffer(capacity: 1024) }
        frame.encode(into: &buffer!)
    }

    public mutating func append(_ preface: ConnectionPreface) {
        if buffer == nil { buffer = ByteBufferAllocator().buffer(capacity: 64) }
        preface.encode(into: &buffer!)
    }

    /// Whether the caller should schedule a flush now: false when one already is.
    public mutating func needsScheduledFlush() -> Bool {
        guard !flushScheduled else { return false }
        flushScheduled = true
        return true
    }

    /// Everything queued, to write now (nil when nothing is); empties the batch.
    public mutating func take() -> ByteBuffer? {
        flushScheduled = false
        defer { buffer = nil }
        guard let buffer, buffer.readableBytes > 0 else { return nil }
        return buffer
    }
}
