import AttributionStore
import Foundation
import Protos

extension Attribution_V1_InfluencerReattribution {
    /// A rules change: its version and job, and when metrics follow it.
    init(version: Int64, jobID: UUID?) {
        self.init()
        rulesVersion = version
        jobID.map { self.jobID = $0.uuidString.lowercased() }
        metricsUpdate = """
            Past orders are matched against rules version \(version) by a background job\
            \(jobID.map { " (\($0.uuidString.lowercased()))" } ?? ""), which re-attributes the orders of the last \
            \(InfluencerRules.reattributedDays) days in one transaction: usually within seconds, longer for tenants with \
            millions of orders. Until it commits, metrics follow rules version \(version - 1) in full \
            (reattribution_pending is true); from then on version \(version).
            """
    }

    /// A change that did not touch the matching rules.
    static var none: Self {
        var change = Self()
        change.metricsUpdate = "The matching rules did not change: metrics reflect this change at once."
        return change
    }
}
