import ServiceKit
public import AttributionStore
public import Foundation
public import Logging
public import Storage
import Synchronization

/// Fans newly stored pixel events out to live streams, across attrd
/// replicas: one `PostgresListener` per process on
/// ``PixelBatchNotification/channel``; for each notification of a tenant with
/// subscribers it reads that ingest batch once (in the tenant's RLS
/// transaction) and hands the rows to that tenant's subscriptions, each of
/// which keeps its own filter and bounded buffer. A subscriber only ever
/// sees its own tenant's rows: they are read as, and routed by, the tenant
/// named in the notification.
///
/// Lifecycle: ``run()`` listens until its task is cancelled (attrd runs it
/// beside the RPC server); ``waitUntilListening()`` returns once LISTEN is in
/// place; ``shutDown()`` ends every stream with UNAVAILABLE. When the
/// listener reconnects after a lost connection, every live stream ends with
/// ``PixelStreamEnding/missedEvents``: nothing is dropped silently.
public final class PixelEventBroadcaster: Sendable {
    enum Phase { case starting, listening, stopped }

    struct State {
        var phase = Phase.starting
        var nextID: UInt64 = 0
        /// Live subscriptions by tenant, then by id.
        var subscriptions: [UUID: [UInt64: PixelEventSubscription]] = [:]
        var readyWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let connectionString: ConnectionString
    let log: PixelEventLog
    let logger: Logger
    let state = Mutex(State())

    /// - Parameters:
    ///   - connectionString: where the dedicated LISTEN connection goes.
    ///   - database: where batches are read (each in its tenant's transaction).
    public init(connectionString: ConnectionString, database: Database, logger: Logger) {
        self.connectionString = connectionString
        self.log = PixelEventLog(database: database)
        self.logger = logger
    }

    /// A new live subscription of `tenantID`'s events that pass `filter`,
    /// holding at most `capacity` undelivered events. Throws
    /// ``PixelStreamEnding/shutdown`` once the broadcaster has stopped.
    public func subscribe(
        tenantID: UUID, filter: PixelEventFilter, capacity: Int
    ) throws(PixelStreamEnding) -> PixelEventSubscription {
        try state.withLock { state throws(PixelStreamEnding) in
            guard state.phase != .stopped else { throw .shutdown }
            state.nextID += 1
            let subscription = PixelEventSubscription(
                id: state.nextID, tenantID: tenantID, filter: filter, capacity: capacity)
            state.subscriptions[tenantID, default: [:]][subscription.id] = subscription
            return subscription
        }
    }

    /// Forgets `subscription` (its call ended).
    public func unsubscribe(_ subscription: PixelEventSubscription) {
        state.withLock { state in
            state.subscriptions[subscription.tenantID]?[subscription.id] = nil
            if state.subscriptions[subscription.tenantID]?.isEmpty == true {
                state.subscriptions[subscription.tenantID] = nil
            }
        }
    }

    /// Live subscriptions, across tenants.
    public var subscriberCount: Int {
        state.withLock { $0.subscriptions.values.reduce(0) { $0 + $1.count } }
    }

    /// Returns once the listener is in place (or the broadcaster has stopped).
    public func waitUntilListening() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                guard state.phase == .starting else { return true }
                state.readyWaiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Ends every stream with UNAVAILABLE and refuses new ones.
    public func shutDown() {
        let (ended, waiters) = state.withLock { state in
            state.phase = .stopped
            defer { (state.subscriptions, state.readyWaiters) = ([:], []) }
            return (state.subscriptions.values.flatMap(\.values), state.readyWaiters)
        }
        ended.compactMap { $0.end(.shutdown) }.forEach { $0.resume() }
        waiters.forEach { $0.resume() }
    }
}
