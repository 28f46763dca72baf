import DequeModule
import NIOCore
import Synchronization
import Wire

extension ClientStream {
    /// The next response; nil when the call ended with OK. A non-OK status throws it.
    func next() async throws -> ByteBuffer? {
        enum Fast { case message(ByteBuffer, reportable: Bool), ended(Trailers), failed(RPCError), wait }
        let fast = state.withLock { state -> Fast in
            if let message = state.inbound.popFirst() { return .message(message, reportable: state.trailers == nil) }
            if let failure = state.failure { return .failed(failure) }
            if let trailers = state.trailers { return .ended(trailers) }
            return .wait
        }
        switch fast {
        case .message(let message, let reportable):
            if reportable { reportConsumed(message) }
            return message
        case .ended(let trailers):
            if trailers.status.code == .ok { return nil }
            throw trailers.error
        case .failed(let error):
            throw error
        case .wait:
            let message = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let immediate = state.withLock { state -> Result<ByteBuffer?, any Error>? in
                        if let message = state.inbound.popFirst() { return .success(message) }
                        if let failure = state.failure { return .failure(failure) }
                        if let trailers = state.trailers {
                            return trailers.status.code == .ok ? .success(nil) : .failure(trailers.error)
                        }
                        if Task.isCancelled { return .failure(CancellationError()) }
                        guard state.reader == nil else {
                            return .failure(RPCError(code: .internal, message: "two readers of one call's responses"))
                        }
                        state.reader = continuation
                        return nil
                    }
                    if let immediate { continuation.resume(with: immediate) }
                }
            } onCancel: {
                self.cancel()
            }
            if let message { reportConsumed(message) }
            return message
        }
    }

    private func reportConsumed(_ message: ByteBuffer) {
        let id = self.id
        let bytes = FrameHeader.size + message.readableBytes
        link.run { $0.streamConsumed(id, bytes: bytes) }
    }

    /// Sends one request, waiting for window when need be.
    func send(_ message: ByteBuffer, end: Bool = false) async throws {
        guard message.readableBytes <= maxRequestSize else {
            throw RPCError(code: .resourceExhausted,
                           message: "request of \(message.readableBytes) bytes exceeds the server's limit of \(maxRequestSize)")
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let immediate = state.withLock { state -> Result<Void, any Error>? in
                    if let failure = state.failure { return .failure(failure) }
                    if state.trailers != nil || state.sentEnd { return .failure(Self.stopped) }
                    if state.window.isOpen { return .success(()) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    guard state.window.park(continuation) else {
                        return .failure(RPCError(code: .internal, message: "two writers of one call's requests"))
                    }
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            self.cancel()
        }
        let refusal = state.withLock { state -> RPCError? in
            if let failure = state.failure { return failure }
            if state.trailers != nil || state.sentEnd { return Self.stopped }
            state.window.spend(payloadBytes: message.readableBytes)
            if end { state.sentEnd = true }
            return nil
        }
        if let refusal { throw refusal }
        let id = self.id
        link.run { $0.sendMessage(id, message, end: end) }
    }

    /// Ends the client's side of the call.
    func end() {
        let send = state.withLock { state -> Bool in
            guard !state.sentEnd, state.trailers == nil, state.failure == nil else { return false }
            state.sentEnd = true
            return true
        }
        guard send else { return }
        let id = self.id
        link.run { $0.sendEnd(id) }
    }

    /// Cancels the call: the server is told, the caller gets `code`.
    func cancel(_ code: StatusCode = .cancelled) {
        let wasOpen = state.withLock { $0.trailers == nil && $0.failure == nil }
        guard wasOpen else { return }
        fail(RPCError(code: code, message: code == .deadlineExceeded ? "deadline exceeded" : "call cancelled"))
        let id = self.id
        link.execute { $0.sendCancel(id, code) }
    }

    var initialMetadata: Metadata { state.withLock { $0.initialMetadata ?? [:] } }
    var trailers: Trailers? { state.withLock { $0.trailers } }
}

/// How a stream reaches its connection's handler: by hopping onto the event loop.
struct ClientConnectionLink: Sendable {
    let eventLoop: any EventLoop
    let handler: NIOLoopBound<ClientConnectionHandler>

    func execute(_ body: @escaping @Sendable (ClientConnectionHandler) -> Void) {
        let handler = self.handler
        eventLoop.execute { body(handler.value) }
    }

    /// Runs `body` at once when the caller already is on the connection's
    /// loop (a task on its executor), else as `execute`. Only for calls from
    /// a caller's task, never from a cancellation handler: those may run
    /// inside the handler's own code.
    func run(_ body: @escaping @Sendable (ClientConnectionHandler) -> Void) {
        if eventLoop.inEventLoop { body(handler.value) } else { execute(body) }
    }
}
