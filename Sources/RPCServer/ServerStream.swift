import DequeModule
import NIOCore
import Synchronization
import Wire

/// One call's state shared by the event loop (which feeds it requests and
/// window updates) and the task running the handler (which reads requests,
/// writes responses and finishes the call). All mutation is under one lock;
/// continuations are resumed outside it.
final class ServerStream: Sendable {
    enum Outcome: Equatable {
        case finished
        case cancelled(StatusCode)
    }

    struct State {
        var inbound = Deque<ByteBuffer>()
        var inboundEnded = false
        var reader: CheckedContinuation<ByteBuffer?, any Error>?
        /// What the client's window still allows us to send; writes wait while
        /// it is not positive, or while the connection has no room
        /// (`OutboundGate`). The parked writer waits in it for either.
        var window: SendWindow
        var initialMetadata = Metadata()
        var headersSent = false
        var trailingMetadata = Metadata()
        var outcome: Outcome?
        var watcher: CheckedContinuation<Void, Never>?
    }

    let id: UInt32
    let link: ConnectionLink
    /// The largest response the client accepts (its MAX_MESSAGE_SIZE).
    let maxResponseSize: Int
    /// The largest metadata block the client accepts (its MAX_METADATA_SIZE).
    let maxMetadataSize: Int
    let state: Mutex<State>

    init(id: UInt32, link: ConnectionLink, sendWindow: Int64, maxResponseSize: Int, maxMetadataSize: Int) {
        self.id = id
        self.link = link
        self.maxResponseSize = maxResponseSize
        self.maxMetadataSize = maxMetadataSize
        self.state = Mutex(State(window: SendWindow(initial: sendWindow)))
    }

    var outcome: Outcome? { state.withLock { $0.outcome } }

    // MARK: Event-loop side

    func receive(_ message: ByteBuffer) {
        let reader = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            guard state.outcome == nil else { return nil }
            if let reader = state.reader {
                state.reader = nil
                return reader
            }
            state.inbound.append(message)
            return nil
        }
        reader?.resume(returning: message)
    }

    func receiveEnd() {
        let reader = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            state.inboundEnded = true
            defer { state.reader = nil }
            return state.inbound.isEmpty ? state.reader : nil
        }
        reader?.resume(returning: nil)
    }

    /// Credits the send window; false when that would take it past 2^31-1,
    /// a FLOW_CONTROL_ERROR of the peer (docs/PROTOCOL.md, section 5).
    func addSendWindow(_ increment: Int64) -> Bool {
        let outcome = state.withLock { state -> (valid: Bool, waiter: CheckedContinuation<Void, any Error>?) in
            do throws(WireError) {
                return (true, try state.window.credit(increment))
            } catch {
                return (false, nil)
            }
        }
        outcome.waiter?.resume()
        return outcome.valid
    }

    /// The connection has room again: a writer parked for it looks again.
    func connectionHasRoom() {
        let waiter = state.withLock { $0.window.takeWaiter() }
        waiter?.resume()
    }

    /// The code the call was ended with from outside the handler (what the
    /// client receives), or nil if it was not.
    var cancellationCode: StatusCode? {
        state.withLock { state in
            guard case .cancelled(let code) = state.outcome else { return nil }
            return code
        }
    }

    /// Ends the call from outside the handler: client cancel, deadline, stream error, shutdown.
    func cancel(_ code: StatusCode) {
        let (reader, waiter, watcher) = state.withLock { state in
            guard state.outcome == nil else { return (nil, nil, nil) as (CheckedContinuation<ByteBuffer?, any Error>?, CheckedContinuation<Void, any Error>?, CheckedContinuation<Void, Never>?) }
            state.outcome = .cancelled(code)
            defer { (state.reader, state.watcher) = (nil, nil) }
            return (state.reader, state.window.takeWaiter(), state.watcher)
        }
        let error = RPCError(code: code, message: code == .deadlineExceeded ? "deadline exceeded" : "call cancelled")
        reader?.resume(throwing: error)
        waiter?.resume(throwing: error)
        watcher?.resume()
    }
}

/// How a stream reaches its connection's handler: always by hopping onto the
/// event loop; and the connection's room for responses.
struct ConnectionLink: Sendable {
    let eventLoop: any EventLoop
    let handler: NIOLoopBound<ServerConnectionHandler>
    let outbound: OutboundGate

    func execute(_ body: @escaping @Sendable (ServerConnectionHandler) -> Void) {
        let handler = self.handler
        eventLoop.execute { body(handler.value) }
    }
}
