import ServiceKit
public import AttributionStore
import DequeModule
public import Foundation
import Synchronization

/// One live stream's bounded buffer between ``PixelEventBroadcaster`` (which
/// fills it with the tenant's matching events) and the call's handler (which
/// drains it with ``next()``). When an event finds the buffer full, the
/// subscription ends with ``PixelStreamEnding/overflow(limit:)`` after the
/// events already buffered: memory per stream stays bounded by `capacity`.
public final class PixelEventSubscription: Sendable {
    public let id: UInt64
    public let tenantID: UUID
    public let filter: PixelEventFilter
    /// The most undelivered events held.
    public let capacity: Int

    struct State {
        var buffer = Deque<PixelEventRow>()
        var ending: PixelStreamEnding?
        var reader: CheckedContinuation<PixelEventRow, any Error>?
    }

    /// A parked reader to resume, outside any lock.
    struct Wakeup {
        let reader: CheckedContinuation<PixelEventRow, any Error>
        let result: Result<PixelEventRow, any Error>

        func resume() { reader.resume(with: result) }
    }

    private let state = Mutex(State())

    init(id: UInt64, tenantID: UUID, filter: PixelEventFilter, capacity: Int) {
        self.id = id
        self.tenantID = tenantID
        self.filter = filter
        self.capacity = max(1, capacity)
    }

    /// Undelivered events now held (for tests and diagnostics).
    public var buffered: Int { state.withLock { $0.buffer.count } }

    /// The next event; throws the ``PixelStreamEnding`` once the buffer is
    /// drained after an ending, or `CancellationError` when the task is cancelled.
    public func next() async throws -> PixelEventRow {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PixelEventRow, any Error>) in
                let immediate = state.withLock { state -> Result<PixelEventRow, any Error>? in
                    if let row = state.buffer.popFirst() { return .success(row) }
                    if let ending = state.ending { return .failure(ending) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    guard state.reader == nil else { return .failure(CancellationError()) }  // one reader only
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

    /// Buffers the rows that pass the filter; ends the subscription with an
    /// overflow when one does not fit. Returns the reader to wake, if any.
    func enqueue(_ rows: [PixelEventRow]) -> Wakeup? {
        let matching = rows.filter(filter.matches)
        guard !matching.isEmpty else { return nil }
        return state.withLock { state -> Wakeup? in
            guard state.ending == nil else { return nil }
            for row in matching {
                guard state.buffer.count < capacity else {
                    state.ending = .overflow(limit: capacity)
                    break
                }
                state.buffer.append(row)
            }
            return Self.wake(&state)
        }
    }

    /// Ends the subscription (the first ending wins). The events already
    /// buffered are still delivered, except on shutdown.
    func end(_ ending: PixelStreamEnding) -> Wakeup? {
        state.withLock { state -> Wakeup? in
            guard state.ending == nil else { return nil }
            state.ending = ending
            if ending == .shutdown { state.buffer.removeAll() }
            return Self.wake(&state)
        }
    }

    /// Why the subscription ended, once it has (its handler may still be draining).
    var ending: PixelStreamEnding? { state.withLock { $0.ending } }

    private static func wake(_ state: inout State) -> Wakeup? {
        guard let reader = state.reader else { return nil }
        if let row = state.buffer.popFirst() {
            state.reader = nil
            return Wakeup(reader: reader, result: .success(row))
        }
        if let ending = state.ending {
            state.reader = nil
            return Wakeup(reader: reader, result: .failure(ending))
        }
        return nil
    }
}
