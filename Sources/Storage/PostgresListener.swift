public import Logging
import CLibPQ
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// LISTEN on a dedicated connection (never a pooled one), on a thread of its
/// own: it waits on the socket with poll(2), so it blocks no event loop and no
/// pool thread. When the connection breaks it reconnects (every second until
/// it succeeds; while it fails it warns once, then at most once a minute,
/// and says when it is back), LISTENs again and yields ``Event/reconnected``: notifications
/// sent while it was away are lost, so a consumer re-reads what it watches.
/// It buffers up to ``bufferLimit`` events the consumer has not taken; beyond
/// that the oldest are dropped, and ``Event/reconnected`` follows the drop so
/// the loss is never silent.
public enum PostgresListener {
    public enum Event: Sendable, Hashable {
        case notification(channel: String, payload: String)
        /// Listening again after a lost connection (also the first event, once
        /// listening), or after notifications were dropped because the consumer
        /// fell ``bufferLimit`` events behind: either way some may be lost.
        case reconnected
    }

    /// Events held for a consumer that has not taken them yet.
    public static let bufferLimit = 10_000

    /// The events of `channels`, until the stream's consumer stops iterating.
    public static func listen(
        _ connectionString: ConnectionString,
        channels: [String],
        logger: Logger
    ) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(bufferLimit))
        let box = StopFlag()
        continuation.onTermination = { _ in box.stop() }
        Thread.detachNewThread {
            var log = ConnectionLog(logger: logger, clock: ContinuousClock(), interval: warningInterval)
            while !box.isStopped {
                do {
                    let connection = try PostgresConnection(connectionString)
                    for channel in channels {
                        _ = try connection.query("LISTEN \(try connection.quoteIdentifier(channel))")
                    }
                    log.listening()
                    continuation.yield(.reconnected)
                    try connection.waitForNotifications(until: box) { yield($0, to: continuation) }
                } catch {
                    log.failed(error)
                }
                var remaining = 10
                while remaining > 0, !box.isStopped {
                    usleep(100_000)
                    remaining -= 1
                }
            }
            continuation.finish()
        }
        return stream
    }

    /// Yields `event`; when that dropped the oldest one from a full buffer,
    /// yields ``Event/reconnected`` after it (evicting one more, also lost),
    /// so the newest events always include word of the loss.
    static func yield(_ event: Event, to continuation: AsyncStream<Event>.Continuation) {
        if case .dropped = continuation.yield(event) { continuation.yield(.reconnected) }
    }

    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        func stop() { flag.store(true, ordering: .relaxed) }
        var isStopped: Bool { flag.load(ordering: .relaxed) }
    }
}

extension PostgresConnection {
    /// Delivers notifications until `flag` stops (checked every 100 ms) or the connection breaks.
    func waitForNotifications(
        until flag: PostgresListener.StopFlag,
        _ deliver: (PostgresListener.Event) -> Void
    ) throws(PostgresError) {
        let socket = PQsocket(connection)
        while !flag.isStopped {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0, errno == EINTR { continue }
            guard ready >= 0 else { throw PostgresError(code: .connectionFailed, message: "poll failed") }
            if ready == 0 { continue }
            guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else {
                throw PostgresError(code: .connectionFailed, message: lastError)
            }
            while let notification = PQnotifies(connection) {
                let channel = String(cString: notification.pointee.relname)
                let payload = String(cString: notification.pointee.extra)
                PQfreemem(notification)
                deliver(.notification(channel: channel, payload: payload))
            }
        }
    }
}
