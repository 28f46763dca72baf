import Dashboards
import Foundation
import Protos
import Storage
import SwiftProtobuf
import TestSupport
import Testing

private let benchmarksEnabled = TestEnvironment.variables["ATTR_DASHBOARDS_BENCH"] == "1" && AttrdHarness.enabled

/// A 20-widget dashboard over the roll-up of 1,000,000 orders in 90 days, all
/// widget data fetched as a client does (20 concurrent GetWidgetData calls,
/// the per-dashboard limit applying), p50 and p99 of the whole dashboard.
/// Opt-in (it loads the database): `ATTR_DASHBOARDS_BENCH=1 swift test --filter DashboardsBenchmarks`,
/// or `BENCH_DASHBOARDS=1 make bench`. Prints one `dashboards-bench` line; the expectations are sanity checks.
///
/// Widgets read only `attribution_daily_metrics`, so the bench writes the
/// roll-up 1,000,000 orders produce (11,112 a day, about $65 each, over 8
/// channels with 6 campaigns each, for every model and window: 90 × 30 × 48
/// = 129,600 rows) rather than attributing a million orders first.
@Suite("Dashboards: benchmarks", .serialized, .enabled(if: benchmarksEnabled, "set ATTR_DASHBOARDS_BENCH=1"))
struct DashboardsBenchmarks {
    static let iterations = 60

    @Test func twentyWidgetsOverAMillionOrders() async throws {
        try await DashboardsFixture.with(connections: 8, now: DashboardsMetricsFixture.now) { fixture in
            try await fixture.database.withTenant(fixture.tenant.id) { tx in
                try await tx.query("INSERT INTO tenants (id, name) VALUES (app_current_tenant(), 'bench') ON CONFLICT DO NOTHING")
                try await tx.query(
                    """
                    INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
                        conversions, revenue_minor, spend_minor, currency)
                    SELECT app_current_tenant(), DATE '2026-05-10' - d, m, w, 'channel_' || c, 'campaign_' || k,
                        (11112.0 / 48)::numeric(18,8), (11112 * 6500 / 48 + (d * 37 + c * 11 + k) % 900)::bigint,
                        CASE WHEN c < 4 THEN 90000 + k * 100 ELSE 0 END, 'USD'
                    FROM generate_series(0, 89) d,
                         unnest(ARRAY['first_touch', 'last_touch', 'linear', 'time_decay', 'position_based']) m,
                         unnest(ARRAY['1d', '7d', '14d', '28d', '30d', '90d']) w,
                         generate_series(0, 7) c, generate_series(0, 19) k
                    WHERE k % 8 = c OR k >= 16
                    """)
                try await tx.query("ANALYZE attribution_daily_metrics")
            }
            let dashboard = try await fixture.create("bench") { $0.widgets = Self.widgets() }
            let range = DashboardsMetricsFixture.range("2026-02-10", "2026-05-10")
            let service = fixture.service, context = try fixture.context("bench")
            let dashboardID = dashboard.id, widgetIDs = dashboard.widgets.map(\.id)
            var samples: [Double] = []
            for iteration in 0..<(Self.iterations + 5) {
                let start = ContinuousClock.now
                let count = try await withThrowingTaskGroup(of: Int.self) { group in
                    for widgetID in widgetIDs {
                        group.addTask {
                            var request = Attribution_V1_GetWidgetDataRequest()
                            request.dashboardID = dashboardID
                            request.widgetID = widgetID
                            request.dateRange = range
                            let response = try await service.getWidgetData(request, context: context)
                            return response.data == nil ? 0 : 1
                        }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(count == 20)
                if iteration >= 5 { samples.append((ContinuousClock.now - start) / .milliseconds(1)) }
            }
            samples.sort()
            let p50 = samples[samples.count / 2], p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
            print("dashboards-bench widgets=20 orders=1000000 days=90 iterations=\(samples.count) p50_ms=\(String(format: "%.1f", p50)) p99_ms=\(String(format: "%.1f", p99))")
        }
    }

    static func widgets() -> [Attribution_V1_Widget] {
        var widgets: [Attribution_V1_Widget] = []
        func add(_ type: Attribution_V1_WidgetType, _ metrics: [Attribution_V1_MetricName], width: Int32, _ configure: (inout Attribution_V1_WidgetConfig) -> Void = { _ in }) {
            var widget = DashboardsFixture.widget("w\(widgets.count)", type, width: width, height: 2)
            widget.config.metrics = metrics
            widget.config.filters.window = .attributionWindow30Days
            configure(&widget.config)
            widgets.append(widget)
        }
        for metric in [Attribution_V1_MetricName.revenue, .conversions, .spend, .roas] { add(.kpi, [metric], width: 3) }
        add(.kpi, [.revenue], width: 3) { $0.comparison = .periodsAgo; $0.periodsAgo = 4 }
        add(.kpi, [.revenueShare], width: 3) { $0.filters.channels = ["channel_0", "channel_1"] }
        add(.kpi, [.averageOrderValue], width: 3) { $0.comparison = .target; $0.target = .init(6500) }
        add(.kpi, [.costPerAcquisition], width: 3)
        add(.lineChart, [.revenue, .conversions], width: 6)
        add(.lineChart, [.spend], width: 6) { $0.granularity = .week }
        add(.lineChart, [.revenueShare], width: 6) { $0.filters.channels = ["channel_2"] }
        add(.barChart, [.revenue, .spend], width: 6)
        add(.barChart, [.revenue], width: 6) { $0.granularity = .month }
        add(.barChart, [.conversions], width: 6) { $0.filters.model = .linear }
        add(.pie, [.revenue], width: 6) { $0.limit = 5 }
        add(.pie, [.conversions], width: 6) { $0.filters.model = .positionBased }
        add(.table, [.revenue, .conversions, .spend, .roas, .averageOrderValue, .costPerAcquisition], width: 12)
        add(.table, [.revenueShare, .revenue], width: 12) { $0.limit = 5 }
        add(.kpi, [.revenue], width: 6) { $0.filters.model = .timeDecay }
        var text = DashboardsFixture.widget("w19", .text, width: 6, height: 2)
        text.config.markdown = "# Notes\n<script>x</script>[a](javascript:b)"
        widgets.append(text)
        return widgets
    }
}
