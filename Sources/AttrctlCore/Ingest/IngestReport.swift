import SwiftProtobuf

/// attrctl's rendering of an ingest outcome: a summary and the refused
/// records, or (`-o json`) the RPC's response in the protobuf JSON mapping.
enum IngestReport {
    static func render<Kind: IngestKind>(_ outcome: IngestOutcome, kind: Kind.Type, format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try Kind.response(outcome).jsonString()
        case .table, .wide:
            var lines = ["\(outcome.accepted) \(Kind.noun) stored, \(outcome.duplicates) duplicates, \(outcome.rejected.count) refused"]
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
