import Foundation
import Storage
import TestSupport
import Testing

/// COPY in and out of a million rows in bounded memory.
@Suite("COPY", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct CopyTests {
    static let rowCount = 1_000_000

    /// One text-format row of about 50 bytes.
    static func line(_ n: Int) -> String {
        "\(n)\tevent-\(n)\t\(n % 977)\tpayload-with-some-width-\(n % 10_007)\n"
    }

    @Test func aMillionRowsInAndOutInBoundedMemory() async throws {
        // Peak RSS is process-wide: no memory-heavy test may run meanwhile.
        try await MemoryHeavy.exclusively { try await copyAMillionRows() }
    }

    private func copyAMillionRows() async throws {
        try await TestDatabase.withPool(size: 1, statementTimeout: .seconds(120)) { pool in
            try await pool.withConnection { session in
                try await session.query("CREATE TEMP TABLE copy_probe (n bigint, name text, bucket int, payload text)")
                let baseline = Memory.resetPeak()
                let clock = ContinuousClock()
                let start = clock.now

                var bytesIn = 0
                let copiedIn = try await session.copyIn("COPY copy_probe FROM STDIN") { writer in
                    var batch = ""
                    for n in 0..<Self.rowCount {
                        batch += Self.line(n)
                        if batch.utf8.count >= 64 * 1024 {
                            bytesIn += batch.utf8.count
                            try await writer.write(batch)
                            batch = ""
                        }
                    }
                    bytesIn += batch.utf8.count
                    try await writer.write(batch)
                }
                #expect(copiedIn == Self.rowCount)
                let copiedInAt = clock.now

                var bytesOut = 0
                var largestChunk = 0
                var newlines = 0
                let copiedOut = try await session.copyOut("COPY (SELECT * FROM copy_probe ORDER BY n) TO STDOUT") { chunk in
                    bytesOut += chunk.count
                    largestChunk = max(largestChunk, chunk.count)
                    newlines += Memory.countNewlines(chunk)
                }
                let peakGrowth = Memory.peak() - baseline
                #expect(copiedOut == Self.rowCount)
                #expect(newlines == Self.rowCount)
                #expect(bytesOut == bytesIn, "every byte came back")
                #expect(bytesIn > 50_000_000)
                #expect(largestChunk <= 512 * 1024, "chunks stay near 256 KiB")
                // The data is over 50 MB each way; holding it would grow the peak by far more than this.
                #expect(peakGrowth < 32 * 1024 * 1024, "peak RSS grew by \(peakGrowth / 1024) KiB")
                print("COPY 1M rows: \(bytesIn / 1_000_000) MB each way; in \(copiedInAt - start), out \(clock.now - copiedInAt); peak RSS growth \(peakGrowth / 1024) KiB")
            }
        }
    }

    @Test func bulkIngestIntoATenantTableGoesThroughAStagingTable() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let database = Database(pool: pool)
            let tenant = try await TestDatabase.makeTenant(database)
            let other = try await TestDatabase.makeTenant(database)
            let inserted = try await database.withTenant(tenant) { tx in
                try await tx.query("CREATE TEMP TABLE staging (LIKE pixel_events INCLUDING DEFAULTS) ON COMMIT DROP")
                try await tx.copyIn("COPY staging (tenant_id, platform, event_type, event_name, event_id, event_time) FROM STDIN") { writer in
                    for n in 0..<1000 {
                        try await writer.write("\(tenant)\tmeta\tpurchase\tPurchase\tevt-\(n)\t2026-01-02 03:04:05+00\n")
                    }
                }
                // RETURNING (or ON CONFLICT) matters on Citus: it then inserts on the
                // shard with INSERT, under the policy; a plain INSERT ... SELECT
                // becomes a COPY into the shard, which row-level security refuses.
                return try await tx.query("INSERT INTO pixel_events SELECT * FROM staging RETURNING id").count
            }
            #expect(inserted == 1000)
            // A row for another tenant in the staging data is refused by the policy.
            do {
                try await database.withTenant(tenant) { tx in
                    try await tx.query("CREATE TEMP TABLE staging (LIKE pixel_events INCLUDING DEFAULTS) ON COMMIT DROP")
                    try await tx.copyIn("COPY staging (tenant_id, platform, event_type, event_name, event_id, event_time) FROM STDIN") { writer in
                        try await writer.write("\(other)\tga4\tpage_view\tpage_view\tx\t2026-01-02 03:04:05+00\n")
                    }
                    try await tx.query("INSERT INTO pixel_events SELECT * FROM staging RETURNING id")
                }
                Issue.record("staged another tenant's row")
            } catch let error as PostgresError {
                #expect(error.sqlState == "42501")
            }
            var exported = 0
            try await database.withTenant(tenant) { tx in
                try await tx.copyOut("COPY (SELECT event_id FROM pixel_events) TO STDOUT (FORMAT csv)") { chunk in
                    exported += chunk.filter { $0 == UInt8(ascii: "\n") }.count
                }
            }
            #expect(exported == 1000)
        }
    }

    @Test func anErrorInTheProducerAbortsTheCopyAndTheConnectionStaysUsable() async throws {
        struct Stop: Error {}
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                try await session.query("CREATE TEMP TABLE aborted_copy (n int)")
                do {
                    try await session.copyIn("COPY aborted_copy FROM STDIN") { writer in
                        try await writer.write("1\n2\n")
                        throw Stop()
                    }
                } catch is Stop {}
                #expect(try await session.query("SELECT count(*) AS n FROM aborted_copy").first("n") == "0")
                struct Enough: Error {}
                do {
                    try await session.copyOut("COPY (SELECT generate_series(1, 2000000)) TO STDOUT") { _ in throw Enough() }
                } catch is Enough {}
                #expect(try await session.query("SELECT 5 AS five").first("five") == "5")
            }
        }
    }
}

/// The process's resident set, from /proc (Linux).
enum Memory {
    /// Resets the peak (VmHWM) to the current RSS and returns it, in bytes.
    static func resetPeak() -> Int {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        return field("VmRSS")
    }

    static func peak() -> Int { field("VmHWM") }

    /// Newlines in `bytes`, with memchr (a byte loop is slow in debug builds).
    static func countNewlines(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { buffer in
            guard var cursor = buffer.baseAddress else { return 0 }
            let end = cursor + buffer.count
            var count = 0
            while cursor < end, let found = memchr(cursor, 0x0a, end - cursor) {
                count += 1
                cursor = UnsafeRawPointer(found) + 1
            }
            return count
        }
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
        }
        return 0
    }
}
