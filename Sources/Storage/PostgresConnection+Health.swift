import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PostgresConnection {
    /// A liveness check for an idle connection without a round trip: an idle
    /// server says nothing unprompted unless it is going away (it sends a FATAL
    /// and closes on shutdown or restart), so a readable or hung-up socket is
    /// read, and the connection is healthy only if libpq still finds it open.
    var isHealthyWhenIdle: Bool {
        guard isIdleAndOpen else { return false }
        let socket = PQsocket(connection)
        guard socket >= 0 else { return false }
        for _ in 0..<3 {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN) | Self.peerClosed, revents: 0)
            let ready = poll(&descriptor, 1, 0)
            guard ready >= 0 else { return false }
            if ready == 0 { return true }
            if descriptor.revents & (Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL) | Self.peerClosed) != 0 {
                return false
            }
            guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else { return false }
            while let notification = PQnotifies(connection) { PQfreemem(notification) }
        }
        return PQstatus(connection) == CONNECTION_OK
    }

    /// POLLRDHUP: the peer closed its end (Linux).
    private static var peerClosed: Int16 {
        #if os(Linux)
        0x2000
        #else
        0
        #endif
    }
}
