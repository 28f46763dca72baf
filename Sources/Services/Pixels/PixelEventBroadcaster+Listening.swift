import ServiceKit
import AttributionStore
import Foundation
import Logging
import RPCServer
import Storage
import Synchronization

extension PixelEventBroadcaster {
    /// Listens and fans out until the calling task is cancelled, then shuts
    /// down. Notifications are handled one at a time, in commit order.
    public func run() async {
        let events = PostgresListener.listen(
            connectionString, channels: [PixelBatchNotification.channel], logger: logger)
        for await event in events {
            switch event {
            case .reconnected:
                listening()
            case .notification(_, let payload):
                guard let notification = PixelBatchNotification(payload: payload) else {
                    logger.warning("ignoring a malformed pixel_events notification", metadata: [PixelsLogKey.payloadLength.rawValue: "\(payload.utf8.count)"])
                    continue
                }
                await deliver(notification)
            }
        }
        shutDown()
    }

    /// LISTEN is (again) in place. Streams that were live before it may have
    /// missed events while the listener was away: they end, saying so.
    func listening() {
        let (ended, waiters) = state.withLock { state in
            if state.phase == .starting { state.phase = .listening }
            defer { (state.subscriptions, state.readyWaiters) = ([:], []) }
            return (state.subscriptions.values.flatMap(\.values), state.readyWaiters)
        }
        if !ended.isEmpty {
            logger.warning(
                "pixel event listener reconnected; ending live streams that may have missed events",
                metadata: [PixelsLogKey.streams.rawValue: "\(ended.count)"])
        }
        ended.compactMap { $0.end(.missedEvents) }.forEach { $0.resume() }
        waiters.forEach { $0.resume() }
    }

    /// Reads the batch once, if its tenant has live streams, and hands the
    /// rows to each; readers are woken only after every stream has them.
    func deliver(_ notification: PixelBatchNotification) async {
        let tenantID = notification.tenantID
        guard state.withLock({ $0.subscriptions[tenantID]?.isEmpty == false }) else { return }
        let rows: [PixelEventRow]
        do {
            rows = try await log.batch(notification.batchID, tenantID: tenantID)
        } catch {
            if Task.isCancelled { return }  // shutting down: run() ends every stream next
            logger.error(
                "reading a pixel event batch for live streams failed; ending the tenant's streams",
                metadata: [PixelsLogKey.error.rawValue: "\(error)", RPCLogKey.tenant.rawValue: "\(tenantID)"])
            end(tenantID: tenantID, .missedEvents)
            return
        }
        let subscriptions = state.withLock { $0.subscriptions[tenantID].map { Array($0.values) } ?? [] }
        let wakeups = subscriptions.compactMap { $0.enqueue(rows) }
        for subscription in subscriptions where subscription.ending == .overflow(limit: subscription.capacity) {
            logger.notice(
                "live pixel stream fell behind its buffer; ending it",
                metadata: [RPCLogKey.tenant.rawValue: "\(tenantID)", PixelsLogKey.buffer.rawValue: "\(subscription.capacity)"])
            unsubscribe(subscription)
        }
        wakeups.forEach { $0.resume() }
    }

    /// Ends and forgets every stream of `tenantID`.
    func end(tenantID: UUID, _ ending: PixelStreamEnding) {
        let ended = state.withLock { state in
            defer { state.subscriptions[tenantID] = nil }
            return state.subscriptions[tenantID].map { Array($0.values) } ?? []
        }
        ended.compactMap { $0.end(ending) }.forEach { $0.resume() }
    }
}
