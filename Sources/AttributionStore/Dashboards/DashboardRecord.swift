/// The editable part of a custom dashboard as stored
/// (`attribution_custom_dashboards`). The layout is the service's JSON array
/// of widgets, already validated and placed: the store keeps it as it is.
public struct DashboardRecord: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// The owner's default dashboard (at most one per owner).
    public var isDefault: Bool
    /// `last_7d`, `last_14d` or `last_30d`.
    public var dateRange: String
    public var refreshIntervalMinutes: Int?
    /// A JSON array of widgets.
    public var layout: String
    /// Readable by every reader of the tenant.
    public var shared: Bool

    public init(
        name: String = "", description: String? = nil, isDefault: Bool = false, dateRange: String = "last_30d",
        refreshIntervalMinutes: Int? = nil, layout: String = "[]", shared: Bool = false
    ) {
        self.name = name
        self.description = description
        self.isDefault = isDefault
        self.dateRange = dateRange
        self.refreshIntervalMinutes = refreshIntervalMinutes
        self.layout = layout
        self.shared = shared
    }
}
