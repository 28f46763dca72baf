import ArgumentParser
import Foundation

/// Writes pixel-event rows as attrd stores them (hashed match keys as JSON,
/// one tenant) in CSV for `COPY pixel_events FROM`: the bulk-load peer of
/// the ingest benchmark, with rows of the same shape and size.
struct IngestRowsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-rows", abstract: "Write stored-form pixel-event rows as CSV (for the COPY peer).")

    @Option(help: "Rows to write.") var rows = 100_000
    @Option(help: "The tenant the rows belong to.") var tenant: String?
    @Option(help: "Output file.") var output: String?
    @Flag(help: "Print the column list for COPY, and nothing else.") var printColumns = false

    static let columns =
        "tenant_id, platform, event_type, event_name, event_id, event_time, order_id, session_id, match_status, "
        + "delivery_status, delivery_attempts, last_attempt_at, match_keys, value_minor, currency"

    func run() throws {
        if printColumns {
            print(Self.columns)
            return
        }
        guard let tenantID = tenant.flatMap(UUID.init(uuidString:)) else { throw ValidationError("--tenant must be a UUID") }
        guard let output else { throw ValidationError("--output is required") }
        guard FileManager.default.createFile(atPath: output, contents: nil), let file = FileHandle(forWritingAtPath: output) else {
            throw BenchFailure("cannot write \(output)")
        }
        defer { try? file.close() }
        let run = UUID().uuidString.prefix(8)
        let now = ISO8601DateFormatter().string(from: Date())
        var chunk = ""
        for index in 0..<rows {
            let n = "copy-\(run)-\(index)"
            // Stand-ins for SHA-256 digests: 64 hex digits, as stored.
            let em = Self.hex(index, salt: 1), ph = Self.hex(index, salt: 2)
            let keys = #"{"em": ["\#(em)"], "ph": ["\#(ph)"], "fbp": "fb.1.1700000000000.\#(index)", "client_ip_address": "203.0.113.\#(index % 250)", "client_user_agent": "Mozilla/5.0 (X11; Linux x86_64) attrbench"}"#
            let escaped = keys.replacingOccurrences(of: "\"", with: "\"\"")
            chunk += "\(tenantID.uuidString.lowercased()),meta,purchase,Purchase,bench-\(n),\(now),order-\(n),session-\(run)-\(index % 32),partial,delivered,1,\(now),\"\(escaped)\",4999,USD\n"
            if chunk.utf8.count > 1 << 20 {
                file.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        file.write(Data(chunk.utf8))
    }

    static func hex(_ index: Int, salt: UInt64) -> String {
        var state = UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15 &+ salt
        return (0..<4).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let word = String(state, radix: 16)
            return String(repeating: "0", count: 16 - word.count) + word
        }.joined()
    }
}
