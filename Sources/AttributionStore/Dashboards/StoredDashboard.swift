public import Foundation
import Storage

/// A custom dashboard as stored: its owner, editable fields and version.
public struct StoredDashboard: Sendable, Equatable {
    public var id: UUID
    /// The owner's user principal id.
    public var ownerID: String
    public var record: DashboardRecord
    public var version: Int64
    public var createdAt: Date
    public var updatedAt: Date

    /// The columns ``init(row:)`` reads.
    static let columns = """
        id, user_id, name, description, is_default, date_range_default, refresh_interval_minutes, layout::text AS layout,
        shared, version, created_at, updated_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        ownerID = try row.decode("user_id")
        record = DashboardRecord(
            name: try row.decode("name"), description: try row.decode("description"), isDefault: try row.decode("is_default"),
            dateRange: try row.decode("date_range_default"),
            refreshIntervalMinutes: try row.decode("refresh_interval_minutes", as: Int?.self),
            layout: try row.decode("layout"), shared: try row.decode("shared"))
        version = try row.decode("version")
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}
