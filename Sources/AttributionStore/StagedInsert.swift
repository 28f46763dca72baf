import Storage

/// Bulk insert into a table under row-level security: PostgreSQL refuses
/// `COPY FROM` into such a table, so rows are copied into a temporary
/// staging table (dropped at commit), then inserted with `INSERT ... SELECT`,
/// where the policy's check applies to every row.
struct StagedInsert {
    /// The staging table's name (unique within the transaction).
    var table: String
    /// Its columns, e.g. `ord int, platform text`; the first should be the
    /// record's position, so that the insert keeps the batch's order.
    var columns: String

    /// Creates the staging table and copies `rows` into it.
    func stage(_ rows: [[any PostgresEncodable]], in tx: TenantTransaction) async throws {
        try await tx.query("CREATE TEMP TABLE \(table) (\(columns)) ON COMMIT DROP")
        try await tx.copyIn("COPY \(table) FROM STDIN") { writer in
            for row in rows {
                try await writer.write(PostgresCopyText.row(row))
            }
        }
    }
}
