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
    /// Like ``query(_:_:)``, but when `deadline` passes before the result is
    /// in, calls its `expire` once and goes on waiting: a cancelled statement
    /// ends with its own error (SQLSTATE 57014), which is returned as usual.
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
        try waitUntilResultIsIn(deadline)
        return try check(collectResult())
    }

    /// Reads input until libpq has the whole result (PQisBusy is false).
    private func waitUntilResultIsIn(_ deadline: StatementDeadline) throws(PostgresError) {
        var expired = false
        while true {
            guard PQconsumeInput(connection) == 1 else {
                throw PostgresError(code: .connectionFailed, message: lastError)
            }
            if PQisBusy(connection) == 0 { return }
            var timeout: Int32 = -1
            if !expired {
                let left = ContinuousClock.now.duration(to: deadline.instant)
                if left <= .zero {
                    expired = true
                    deadline.expire()
                    continue
                }
                timeout = Int32(clamping: left.milliseconds)
            }
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            guard descriptor.fd >= 0 else { throw PostgresError(code: .connectionFailed, message: lastError) }
            if poll(&descriptor, 1, timeout) < 0, errno != EINTR {
                throw PostgresError(code: .connectionFailed, message: "poll on the database socket failed: errno \(errno)")
            }
        }
    }

    /// The statement's result as PQexecParams picks it: the first error, else
    /// the last result; a COPY result ends the reading, as it does there.
    private func collectResult() -> OpaquePointer? {
        var kept: OpaquePointer?
        while let result = PQgetResult(connection) {
            let status = PQresultStatus(result)
            if let previous = kept, PQresultStatus(previous) == PGRES_FATAL_ERROR {
                PQclear(result)
            } else {
                if let previous = kept { PQclear(previous) }
                kept = result
            }
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
        return kept
    }
}
