import CLibPQ

extension PostgresSession {
    /// Bulk ingest: runs `sql` (a `COPY ... FROM STDIN`), and sends what
    /// `produce` writes, in chunks of about ``PostgresCopyWriter/chunkSize``.
    /// Returns the number of rows the server copied. An error thrown by
    /// `produce` aborts the COPY (nothing is copied) and is rethrown.
    /// `timeout` (else the pool's default) is the COPY's statement_timeout.
    @discardableResult
    public func copyIn(
        _ sql: String,
        timeout: Duration? = nil,
        _ produce: (PostgresCopyWriter) async throws -> Void
    ) async throws -> Int {
        let milliseconds = (timeout ?? defaultTimeout).milliseconds
        try await runner.run(connection) { connection throws(PostgresError) in
            try connection.setStatementTimeout(milliseconds: milliseconds)
            try connection.startCopy(sql, expecting: PGRES_COPY_IN)
        }
        let writer = PostgresCopyWriter(session: self)
        do {
            try await produce(writer)
            try await writer.flush()
        } catch {
            _ = try? await runner.run(connection, cancellable: false) { connection throws(PostgresError) in
                try connection.endCopyIn(abort: "aborted by the client")
            }
            throw error
        }
        return try await runner.run(connection, cancellable: false) { connection throws(PostgresError) in
            try connection.endCopyIn(abort: nil)
        }
    }

    /// Export: runs `sql` (a `COPY ... TO STDOUT`) and hands the data to
    /// `consume` in chunks of whole rows of about 256 KiB, reading the next
    /// chunk only after `consume` returns, so memory stays constant however
    /// big the table. Returns the number of rows copied. `timeout` (else the
    /// pool's default) is the COPY's statement_timeout.
    @discardableResult
    public func copyOut(
        _ sql: String,
        timeout: Duration? = nil,
        _ consume: ([UInt8]) async throws -> Void
    ) async throws -> Int {
        let milliseconds = (timeout ?? defaultTimeout).milliseconds
        try await runner.run(connection) { connection throws(PostgresError) in
            try connection.setStatementTimeout(milliseconds: milliseconds)
            try connection.startCopy(sql, expecting: PGRES_COPY_OUT)
        }
        do {
            while true {
                let chunk = try await runner.run(connection) { connection throws(PostgresError) in
                    try connection.readCopyChunk(upTo: PostgresCopyWriter.chunkSize)
                }
                if !chunk.bytes.isEmpty { try await consume(chunk.bytes) }
                if chunk.finished { break }
            }
        } catch {
            // Stop the server sending, and read what is in flight, so the
            // connection is clean again (or it is discarded when returned).
            _ = try? await runner.run(connection, cancellable: false) { connection throws(PostgresError) in
                connection.cancel()
                try connection.drainCopyOut()
            }
            throw error
        }
        return try await runner.run(connection, cancellable: false) { connection throws(PostgresError) in
            try connection.finishCopy()
        }
    }
}

/// Buffers COPY data and sends it in chunks; only valid inside `copyIn`.
public final class PostgresCopyWriter: @unchecked Sendable {
    public static let chunkSize = 256 * 1024
    private let session: PostgresSession
    private var buffer: [UInt8] = []

    init(session: PostgresSession) {
        self.session = session
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends bytes in the COPY's format (e.g. one text-format line per row).
    public func write(_ bytes: some Sequence<UInt8>) async throws(PostgresError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    public func write(_ text: String) async throws(PostgresError) {
        try await write(text.utf8)
    }

    func flush() async throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try await session.runner.run(session.connection) { connection throws(PostgresError) in
            try connection.putCopyData(chunk)
        }
    }
}
