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
                lines.append("")
                lines.append(TableRenderer(
                    header: ["record", "field", "reason"],
                    rows: outcome.rejected.map { [String($0.index), $0.field.isEmpty ? "-" : $0.field, $0.reason] }
                ).render())
            }
            return lines.joined(separator: "\n")
        }
    }
}
