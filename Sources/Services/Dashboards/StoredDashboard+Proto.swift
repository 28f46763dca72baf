import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_Dashboard {
    /// `stored` as `caller` sees it: is_default is the caller's own default only.
    init(_ stored: StoredDashboard, caller: String) throws {
        self.init()
        id = stored.id.uuidString.lowercased()
        name = stored.record.name
        description_p = stored.record.description ?? ""
        isDefault = stored.record.isDefault && stored.ownerID == caller
        dateRangeDefault = Attribution_V1_RelativeDateRange(storedName: stored.record.dateRange)
        if let minutes = stored.record.refreshIntervalMinutes { refreshIntervalMinutes = .init(Int32(minutes)) }
        widgets = try DashboardLayout.decode(stored.record.layout)
        createTime = Google_Protobuf_Timestamp(date: stored.createdAt)
        updateTime = Google_Protobuf_Timestamp(date: stored.updatedAt)
        shared = stored.record.shared
        version = stored.version
        ownerID = stored.ownerID
    }
}
