public import Foundation

/// What an ingest transaction that stored pixel events NOTIFYs on
/// ``channel`` (sent at commit, so listeners see it in commit order): the
/// tenant and the batch id stored in those rows' `ingest_batch`, as
/// `"<tenant uuid>:<batch uuid>"`. A listener reads exactly that batch with
/// ``PixelEventLog/batch(_:tenantID:)``.
public struct PixelBatchNotification: Sendable, Hashable {
    /// The NOTIFY channel of stored pixel-event batches.
    public static let channel = "pixel_events"

    public var tenantID: UUID
    public var batchID: UUID

    public init(tenantID: UUID, batchID: UUID) {
        self.tenantID = tenantID
        self.batchID = batchID
    }

    /// Parses a payload; nil when it is not two UUIDs separated by a colon.
    public init?(payload: String) {
        let parts = payload.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let tenant = UUID(uuidString: String(parts[0])),
            let batch = UUID(uuidString: String(parts[1]))
        else { return nil }
        self.init(tenantID: tenant, batchID: batch)
    }

    /// The NOTIFY payload.
    public var payload: String {
        "\(tenantID.uuidString.lowercased()):\(batchID.uuidString.lowercased())"
    }
}
