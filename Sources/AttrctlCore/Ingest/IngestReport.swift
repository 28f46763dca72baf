/// attrctl's rendering of an ingest outcome.
enum IngestReport {
    static func render(_ outcome: IngestOutcome, noun: String, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.render(outcome)
        case .table, .wide:
            var lines = ["\(outcome.accepted) \(noun) stored, \(outcome.duplicates) duplicates, \(outcome.rejected.count) refused"]
            if let count = outcome.ordersReattributed { lines.append("\(count) orders attributed again") }
            if !outcome.rejected.isEmpty {
                lines += ["", table(outcome.rejected)]
            }
            if !outcome.conflicts.isEmpty {
                lines += [
                    "",
                    "\(outcome.conflicts.count) of the duplicates differ from the stored record; the stored (first) version was kept:",
                    table(outcome.conflicts),
                ]
            }
            return lines.joined(separator: "\n")
        }
    }

    private static func table(_ records: [IngestOutcome.Rejection]) -> String {
        TableRenderer(
            header: ["record", "field", "reason"],
            rows: records.map { [String($0.index), $0.field.isEmpty ? "-" : $0.field, $0.reason] }
        ).render()
    }
}
