public import Foundation
import Storage

/// A stored event with what a platform needs to receive it: its match keys
/// (hashed customer parameters, browser keys as sent).
public struct DeliverableEvent: Sendable {
    public var row: PixelEventRow
    /// Hex SHA-256 digests by CAPI parameter name (`em`, `ph`, …).
    public var hashed: [String: [String]]
    /// Unhashed keys (`client_ip_address`, `fbp`, `ga_client_id`, …).
    public var browser: [String: String]

    init(row: PixelEventRow, matchKeysJSON: String) {
        self.row = row
        let object = (try? JSONSerialization.jsonObject(with: Data(matchKeysJSON.utf8))) as? [String: Any] ?? [:]
        hashed = object.compactMapValues { $0 as? [String] }
        browser = object.compactMapValues { $0 as? String }
    }
}

extension PixelEventLog {
    /// The events with these ids, ready to deliver (others' and unknown ids are absent).
    public func deliverable(_ ids: [UUID], tenantID: UUID) async throws -> [DeliverableEvent] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await tx.query(
                """
                SELECT \(PixelEventRow.columns), p.match_keys::text AS keys FROM pixel_events p
                WHERE p.tenant_id = $2 AND p.id = ANY($1::text[]::uuid[])
                """, [ids.map(\.uuidString), tenantID]
            ).map { DeliverableEvent(row: try PixelEventRow(row: $0), matchKeysJSON: try $0.decode("keys")) }
        }
    }
}
