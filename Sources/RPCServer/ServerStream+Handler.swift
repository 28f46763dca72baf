import DequeModule
import NIOCore
import Synchronization
import Wire

extension ServerStream {
    /// The next request message; nil once the client has ended its side.
    func nextMessage() async throws -> ByteBuffer? {
        enum Fast { case message(ByteBuffer, ended: Bool), end, failed(StatusCode), wait }
        let fast = state.withLock { state -> Fast in
            if case .cancelled(let code) = state.outcome { return .failed(code) }
            if let message = state.inbound.popFirst() { return .message(message, ended: state.inboundEnded) }
            return state.inboundEnded ? .end : .wait
        }
        switch fast {
        case .message(let message, let ended):
            if !ended { reportConsumed(message) }
            return message
        case .end:
            return nil
        case .failed(let code):
            throw RPCError(code: code, message: "call cancelled")
        case .wait:
            let message = try await waitForMessage()
            if let message { reportConsumed(message) }
            return message
        }
    }

    /// The call's one request message (unary and server-streaming calls);
    /// nil when the client ended its side without one, an error when it sent
    /// more. Returns at once when the message and the client's end have both
    /// arrived, the usual case.
    func onlyMessage() async throws -> ByteBuffer? {
        let complete = state.withLock { state -> ByteBuffer? in
            guard state.outcome == nil, state.inboundEnded, state.inbound.count == 1 else { return nil }
            return state.inbound.popFirst()
        }
        if let complete { return complete }
        guard let message = try await nextMessage() else { return nil }
        guard try await nextMessage() == nil else {
            throw RPCError(code: .internal, message: "a unary request must be exactly one message")
        }
        return message
    }

    private func waitForMessage() async throws -> ByteBuffer? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let immediate = state.withLock { state -> Result<ByteBuffer?, any Error>? in
                    if case .cancelled(let code) = state.outcome { return .failure(RPCError(code: code, message: "call cancelled")) }
                    if let message = state.inbound.popFirst() { return .success(message) }
                    if state.inboundEnded { return .success(nil) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    guard state.reader == nil else {
                        return .failure(RPCError(code: .internal, message: "two readers of one call's requests"))
                    }
                    state.reader = continuation
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let reader = state.withLock { state in
                defer { state.reader = nil }
                return state.reader
            }
            reader?.resume(throwing: CancellationError())
        }
    }

    /// Gives the client back the window a consumed message used.
    private func reportConsumed(_ message: ByteBuffer) {
        let size = FrameHeader.size + message.readableBytes
        let id = self.id
        link.execute { $0.streamConsumed(id, bytes: size) }
    }

    /// Sends one response message, after waiting, if need be, for window
    /// and for room on the connection (`OutboundGate`).
    func write(_ message: ByteBuffer) async throws {
        guard message.readableBytes <= maxResponseSize else {
            throw RPCError(
                code: .resourceExhausted,
                message: "response of \(message.readableBytes) bytes exceeds the client's limit of \(maxResponseSize)"
            )
        }
        let bytes = FrameHeader.size + message.readableBytes
        var taken = try take(bytes)
        while case .full = taken {
            try await waitForSpace()
            taken = try take(bytes)
        }
        guard case .taken(let headers) = taken else { return }
        let id = self.id
        link.execute { $0.sendMessage(id, headers: headers, message: message, reserved: bytes) }
    }

    private enum Space {
        /// Window and room are spent on the message; the initial metadata to send first, if any.
        case taken(Metadata?)
        case full
    }

    /// Spends window and connection room on a message of `bytes`, when both allow it.
    private func take(_ bytes: Int) throws -> Space {
        try state.withLock { state throws(RPCError) -> Space in
            if case .cancelled(let code) = state.outcome { throw RPCError(code: code, message: "call cancelled") }
            if state.outcome == .finished { throw RPCError(code: .internal, message: "write after the call ended") }
            guard state.window.isOpen, link.outbound.reserve(bytes, for: self) else { return .full }
            state.window.spend(payloadBytes: bytes - FrameHeader.size)
            guard !state.headersSent else { return .taken(nil) }
            state.headersSent = true
            // HEADERS is optional: without initial metadata the first MESSAGE stands for it.
            return .taken(state.initialMetadata.isEmpty ? nil : state.initialMetadata)
        }
    }

    /// Returns when the window is open and the connection has room, or when
    /// either may have changed (the caller looks again).
    private func waitForSpace() async throws {
        enum Wait { case now(Result<Void, any Error>), parked(forRoom: Bool) }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let wait = state.withLock { state -> Wait in
                    if case .cancelled(let code) = state.outcome { return .now(.failure(RPCError(code: code, message: "call cancelled"))) }
                    if state.outcome == .finished { return .now(.failure(RPCError(code: .internal, message: "write after the call ended"))) }
                    let windowOpen = state.window.isOpen
                    if windowOpen, link.outbound.hasRoom(for: self) { return .now(.success(())) }
                    if Task.isCancelled { return .now(.failure(CancellationError())) }
                    guard state.window.park(continuation) else {
                        return .now(.failure(RPCError(code: .internal, message: "two writers of one call's responses")))
                    }
                    return .parked(forRoom: windowOpen)
                }
                switch wait {
                case .now(let result): continuation.resume(with: result)
                case .parked(let forRoom): if forRoom { link.outbound.writerParked() }
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.window.takeWaiter() }
            waiter?.resume(throwing: CancellationError())
        }
    }

    func setInitialMetadata(_ metadata: Metadata) throws {
        if let refusal = refusal(of: metadata, "initial metadata") { throw refusal }
        try state.withLock { state in
            guard !state.headersSent else {
                throw RPCError(code: .internal, message: "initial metadata after the first response")
            }
            state.initialMetadata = metadata
        }
    }

    func addTrailingMetadata(_ metadata: Metadata) {
        state.withLock { state in
            for (key, value) in metadata { state.trailingMetadata.add(key, value) }
        }
    }

    /// Ends the call with `status`; a no-op if it was already cancelled.
    func finish(_ status: Status, metadata: Metadata) {
        let outcome = state.withLock { state -> (Metadata?, Metadata, CheckedContinuation<Void, Never>?)? in
            guard state.outcome == nil else { return nil }
            state.outcome = .finished
            var trailers = state.trailingMetadata
            for (key, value) in metadata { trailers.add(key, value) }
            let headers = state.headersSent || state.initialMetadata.isEmpty ? nil : state.initialMetadata
            defer { state.watcher = nil }
            return (headers, trailers, state.watcher)
        }
        guard let (headers, metadata, watcher) = outcome else { return }
        watcher?.resume()
        let final: (Metadata?, Trailers)
        if let refusal = refusal(of: metadata, "trailing metadata") {
            // Sending it would break the client's connection: end the call with why instead.
            final = (nil, Trailers(status: Status(code: refusal.code, message: refusal.message)))
        } else {
            final = (headers, Trailers(status: status, metadata: metadata))
        }
        let id = self.id
        link.execute { $0.sendTrailers(id, headers: final.0, final.1) }
    }

    /// Why `metadata` cannot go to this client, or nil when it can: INTERNAL
    /// for invalid metadata (the handler's mistake); RESOURCE_EXHAUSTED for
    /// metadata over the client's MAX_METADATA_SIZE (or over what one control
    /// frame carries), as for a response over its MAX_MESSAGE_SIZE.
    private func refusal(of metadata: Metadata, _ what: String) -> RPCError? {
        if let reason = metadata.invalidReason { return RPCError(code: .internal, message: "\(what): \(reason)") }
        let limit = min(maxMetadataSize, FrameHeader.maximumControlPayload - 8 * 1024)
        guard metadata.wireSize <= limit else {
            return RPCError(
                code: .resourceExhausted, message: "\(what) of \(metadata.wireSize) bytes exceeds the client's limit of \(limit)")
        }
        return nil
    }

    /// Returns when the call has finished or been cancelled.
    func waitUntilEnded() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ended = state.withLock { state -> Bool in
                guard state.outcome == nil else { return true }
                state.watcher = continuation
                return false
            }
            if ended { continuation.resume() }
        }
    }
}
