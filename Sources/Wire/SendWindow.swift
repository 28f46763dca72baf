/// One stream's send window (docs/PROTOCOL.md, section 5) and the writer
/// waiting for it to turn positive. Lives inside a stream's locked state.
public struct SendWindow {
    /// Bytes the peer still accepts; may be negative after the last message.
    public private(set) var bytes: Int64
    private var waiter: CheckedContinuation<Void, any Error>?

    public init(initial: Int64) {
        bytes = initial
    }

    /// Whether a MESSAGE may be sent now.
    public var isOpen: Bool { bytes > 0 }

    /// Spends the window on one MESSAGE frame with `payloadBytes` of payload.
    public mutating func spend(payloadBytes: Int) {
        bytes -= Int64(FrameHeader.size + payloadBytes)
    }

    /// Adds the peer's WINDOW_UPDATE; returns the writer to wake, if the window opened.
    public mutating func credit(_ increment: Int64) throws(WireError) -> CheckedContinuation<Void, any Error>? {
        guard bytes + increment <= Settings.maximumWindow else {
            throw WireError(code: .flowControlError, message: "WINDOW_UPDATE takes a window past 2^31-1")
        }
        bytes += increment
        return isOpen ? takeWaiter() : nil
    }

    /// Parks a writer until the window opens; false when one is parked already.
    public mutating func park(_ continuation: CheckedContinuation<Void, any Error>) -> Bool {
        guard waiter == nil else { return false }
        waiter = continuation
        return true
    }

    /// The parked writer, if any, which the caller must resume.
    public mutating func takeWaiter() -> CheckedContinuation<Void, any Error>? {
        defer { waiter = nil }
        return waiter
    }
}
