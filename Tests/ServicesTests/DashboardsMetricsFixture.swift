import AttributionStore
import Foundation
import Protos
import Storage
import TestSupport

/// The roll-up the widget-data and QueryMetrics tests read, written as the
/// attribution pipeline and platform syncs write it; "today" is 2026-05-11
/// (UTC), so a last_7d dashboard shows 2026-05-04 (a Monday) to 2026-05-10.
/// Last touch, 7 days, USD:
///
/// | period | day | channel / campaign | revenue | conversions | spend |
/// | now | 05-04 | paid_social / spring | 3000 | 2 | 1000 |
/// | now | 05-04 | email | 1000 | 1 | 0 |
/// | now | 05-06 | paid_social / brand | 2000 | 1 | 500 |
/// | now | 05-06 | direct | 500 | 1 | 0 |
/// | now | 05-10 | affiliate | 250 | 0.5 | 0 |
/// | previous | 04-28 | paid_social / spring | 2000 | 1 | 1000 |
/// | previous | 04-30 | email | 2500 | 2 | 0 |
/// | two ago | 04-22 | email | 3000 | 3 | 0 |
///
/// Totals now 6750 / 5.5 / 1500, previous 4500 / 3 / 1000, two ago 3000 / 3 / 0.
/// A first-touch row on 05-05 and a 30-day-window row must never count.
enum DashboardsMetricsFixture {
    static let now = { @Sendable in Date(timeIntervalSince1970: 1_778_493_600) }  // 2026-05-11T10:00:00Z

    static func seed(_ database: Database, tenant: UUID) async throws {
        let rows: [(String, String, String, String, String, Int64, Int64)] = [
            ("2026-05-04", "last_touch", "paid_social", "spring", "2", 3000, 1000),
            ("2026-05-04", "last_touch", "email", "", "1", 1000, 0),
            ("2026-05-06", "last_touch", "paid_social", "brand", "1", 2000, 500),
            ("2026-05-06", "last_touch", "direct", "", "1", 500, 0),
            ("2026-05-10", "last_touch", "affiliate", "", "0.5", 250, 0),
            ("2026-04-28", "last_touch", "paid_social", "spring", "1", 2000, 1000),
            ("2026-04-30", "last_touch", "email", "", "2", 2500, 0),
            ("2026-04-22", "last_touch", "email", "", "3", 3000, 0),
            ("2026-05-05", "first_touch", "paid_social", "spring", "9", 99_999, 0),
        ]
        try await database.withTenant(tenant) { tx in
            try await TenantProvisioner.insertRow(in: tx)
            for (day, model, channel, campaign, conversions, revenue, spend) in rows {
                try await tx.query(
                    """
                    INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
                        conversions, revenue_minor, spend_minor, currency)
                    VALUES (app_current_tenant(), $1::date, $2, '7d', $3, $4, $5::numeric, $6, $7, 'USD')
                    """, [day, model, channel, campaign, conversions, revenue, spend])
            }
            try await tx.query(
                """
                INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
                    conversions, revenue_minor, currency)
                VALUES (app_current_tenant(), '2026-05-05', 'last_touch', '30d', 'email', '', 5, 77777, 'USD')
                """)
        }
    }

    static func date(_ text: String) -> Attribution_V1_Date {
        let parts = text.split(separator: "-").map { Int32($0)! }
        var date = Attribution_V1_Date()
        (date.year, date.month, date.day) = (parts[0], parts[1], parts[2])
        return date
    }

    static func range(_ first: String, _ last: String) -> Attribution_V1_DateRange {
        var range = Attribution_V1_DateRange()
        range.startDate = date(first)
        range.endDate = date(last)
        return range
    }
}
