import Storage

/// Finds the duplicates of a batch whose content differs from the record
/// stored under the same key: the first version, stored by an earlier call
/// or earlier in the same batch. Runs after the batch's insert, in its
/// transaction, and only when the insert skipped some records.
struct ConflictCheck {
    /// The stored table, e.g. `attribution_conversions`.
    var table: String
    /// The key columns, named the same in `table` and in the batch.
    var key: [String]
    /// The compared columns (named the same in both) and the request's field path of each.
    var compared: [(column: String, field: String)]

    /// The conflicts among `batch`: an SQL relation aliased `s`, with a
    /// 0-based `ord` column (the record's index) and the key and compared columns.
    /// The tenant is a parameter (after `parameters`), not `app_current_tenant()`,
    /// so that on Citus the statement routes to the tenant's shard.
    func find(in batch: String, _ parameters: [any PostgresEncodable] = [], tx: TenantTransaction) async throws -> [RecordConflict] {
        let join = key.map { "t.\($0) = s.\($0)" }.joined(separator: " AND ")
        let differences = compared.map { "CASE WHEN s.\($0.column) IS DISTINCT FROM t.\($0.column) THEN '\($0.field)' END" }
        let rows = try await tx.query(
            """
            SELECT ord, array_to_string(fields, ',') AS fields FROM (
                SELECT s.ord, array_remove(ARRAY[\(differences.joined(separator: ", "))], NULL) AS fields
                FROM \(batch) JOIN \(table) t ON t.tenant_id = $\(parameters.count + 1)::uuid AND \(join)
            ) AS compared
            WHERE cardinality(fields) > 0 ORDER BY ord
            """, parameters + [tx.tenantID])
        return try rows.map { row in
            let fields: String = try row.decode("fields")
            return RecordConflict(index: try row.decode("ord"), fields: fields.split(separator: ",").map(String.init))
        }
    }
}
