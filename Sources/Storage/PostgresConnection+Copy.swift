import CLibPQ

extension PostgresConnection {
    func startCopy(_ sql: String, expecting status: ExecStatusType) throws(PostgresError) {
        guard let result = PQexec(connection, sql) else {
            throw PostgresError(code: .connectionFailed, message: lastError)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == status else {
            if PQresultStatus(result) == PGRES_FATAL_ERROR { throw error(from: result) }
            throw PostgresError(code: .copyFailed, message: "the statement is not a COPY of the expected direction")
        }
    }

    func putCopyData(_ bytes: [UInt8]) throws(PostgresError) {
        let sent = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else { throw PostgresError(code: .connectionFailed, message: lastError) }
    }

    /// Ends COPY FROM STDIN (or aborts it with `abort` as the reason) and
    /// returns the number of rows copied.
    func endCopyIn(abort reason: String?) throws(PostgresError) -> Int {
        guard PQputCopyEnd(connection, reason) == 1 else {
            throw PostgresError(code: .connectionFailed, message: lastError)
        }
        return try finishCopy()
    }

    /// Reads COPY TO STDOUT rows until about `limit` bytes or the end.
    func readCopyChunk(upTo limit: Int) throws(PostgresError) -> (bytes: [UInt8], finished: Bool) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(limit + 1024)
        while bytes.count < limit {
            var row: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(connection, &row, 0)
            if length > 0, let row {
                row.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(length)))
                }
                PQfreemem(row)
            } else if length == -1 {
                return (bytes, true)
            } else {
                throw PostgresError(code: .connectionFailed, message: lastError)
            }
        }
        return (bytes, false)
    }

    /// After a cancelled COPY TO STDOUT: reads and drops what is left.
    func drainCopyOut() throws(PostgresError) {
        while true {
            var row: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(connection, &row, 0)
            if let row { PQfreemem(row) }
            if length < 0 { break }
        }
        _ = try? finishCopy()
    }

    /// Reads the COPY's final result (and any after it) and returns its row count.
    func finishCopy() throws(PostgresError) -> Int {
        var failure: PostgresError?
        var count = 0
        while let result = PQgetResult(connection) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                count = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if failure == nil {
                failure = error(from: result)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return count
    }
}
