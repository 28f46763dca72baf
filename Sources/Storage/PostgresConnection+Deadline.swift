import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

/// When a statement's result is overdue, and what to do then (send a cancel
/// request). The thread that waits for the result watches the deadline
/// itself, so bounding a statement costs no timer and no other thread.
struct StatementDeadline: Sendable {
    let instant: ContinuousClock.Instant
    let expire: @Sendable () -> Void
}

extension PostgresConnection {
    /// Like ``query(_:_:)``, but when `deadline` passes before the statement
    /// is over, calls its `expire` once and goes on waiting: a cancelled
    /// statement ends with its own error (SQLSTATE 57014), returned as usual.
    func query(
        _ sql: String,
        _ parameters: [any PostgresEncodable],
        deadline: StatementDeadline
    ) throws(PostgresError) -> PostgresRows {
        let values = parameters.map(\.postgresParameter)
        let sent = withParameterPointers(values) { pointers, lengths, formats in
            PQsendQueryParams(connection, sql, Int32(values.count), nil, pointers, lengths, formats, 0)
        }
        guard sent == 1 else { throw PostgresError(code: .connectionFailed, message: lastError) }
        var watch = DeadlineWatch(deadline: deadline)
        // As PQexecParams: the last result; a COPY result ends the reading.
        var last: OpaquePointer?
        while true {
            try waitForInput(&watch)
            guard let result = PQgetResult(connection) else { break }
            if let last { PQclear(last) }
            last = result
            let status = PQresultStatus(result)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
        return try check(last)
    }

    /// Reads input until PQgetResult will not block (PQisBusy is false).
    private func waitForInput(_ watch: inout DeadlineWatch) throws(PostgresError) {
        while true {
            guard PQconsumeInput(connection) == 1 else {
                throw PostgresError(code: .connectionFailed, message: lastError)
            }
            if PQisBusy(connection) == 0 { return }
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { throw PostgresError(code: .connectionFailed, message: lastError) }
            if poll(&descriptor, 1, watch.pollTimeout()) < 0 {
                let error = errno
                guard error == EINTR else {
                    throw PostgresError(code: .connectionFailed, message: "poll on the database socket failed: errno \(error)")
                }
            }
        }
    }
}

/// A statement's deadline as seen by the thread waiting for its result.
private struct DeadlineWatch {
    let deadline: StatementDeadline
    var expired = false

    /// Milliseconds to wait for input: until the deadline, then (once it has
    /// expired and its cancel request is sent) without limit.
    mutating func pollTimeout() -> Int32 {
        guard !expired else { return -1 }
        let left = ContinuousClock.now.duration(to: deadline.instant)
        guard left > .zero else {
            expired = true
            deadline.expire()
            return -1
        }
        return Int32(clamping: left.milliseconds)
    }
}
