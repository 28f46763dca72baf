import Dashboards
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// The widget options GetWidgetData reads (comparison, periods_ago, target,
/// granularity, limit) are checked against the widget's type, naming the field.
@Suite("Dashboards: widget options", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsWidgetOptionsTests {
    typealias Fixture = DashboardsFixture

    static func widget(_ type: Attribution_V1_WidgetType, _ configure: (inout Attribution_V1_WidgetConfig) -> Void) -> Attribution_V1_Widget {
        var widget = Fixture.widget("w", type)
        configure(&widget.config)
        return widget
    }

    @Test func optionsAreCheckedAgainstTheType() async throws {
        let field = "dashboard.widgets[0].config"
        let refused: [(String, Attribution_V1_Widget)] = [
            ("\(field).periods_ago", Self.widget(.kpi) { $0.comparison = .periodsAgo }),
            ("\(field).periods_ago", Self.widget(.kpi) { $0.comparison = .periodsAgo; $0.periodsAgo = 13 }),
            ("\(field).periods_ago", Self.widget(.kpi) { $0.periodsAgo = 2 }),
            ("\(field).target", Self.widget(.kpi) { $0.comparison = .target }),
            ("\(field).target", Self.widget(.kpi) { $0.target = .init(5) }),
            ("\(field).target", Self.widget(.kpi) { $0.comparison = .target; $0.target = .init(.infinity) }),
            ("\(field).comparison", Self.widget(.kpi) { $0.comparison = .UNRECOGNIZED(9) }),
            ("\(field).comparison", Self.widget(.table) { $0.comparison = .target }),
            ("\(field).target", Self.widget(.pie) { $0.target = .init(5) }),
            ("\(field).granularity", Self.widget(.kpi) { $0.granularity = .week }),
            ("\(field).granularity", Self.widget(.lineChart) { $0.granularity = .UNRECOGNIZED(7) }),
            ("\(field).limit", Self.widget(.table) { $0.limit = 51 }),
            ("\(field).limit", Self.widget(.pie) { $0.limit = 1 }),
            ("\(field).limit", Self.widget(.pie) { $0.limit = 11 }),
            ("\(field).limit", Self.widget(.kpi) { $0.limit = 3 }),
            ("\(field).limit", Self.widget(.text) { $0.limit = 3 }),
            ("\(field).metrics[0]", Self.widget(.kpi) { $0.dataSource = .influencers; $0.metrics = [.revenueShare] }),
        ]
        let accepted: [Attribution_V1_Widget] = [
            Self.widget(.kpi) { $0.comparison = .periodsAgo; $0.periodsAgo = 12 },
            Self.widget(.kpi) { $0.comparison = .target; $0.target = .init(-3) },
            Self.widget(.kpi) { $0.comparison = .previousPeriod; $0.metrics = [.revenueShare] },
            Self.widget(.barChart) { $0.granularity = .month; $0.limit = 50 },
            Self.widget(.pie) { $0.limit = 2 },
        ]
        try await Fixture.with { fixture in
            for (name, widget) in refused {
                let error = await DirectCall.status { _ = try await fixture.create("ana") { $0.widgets = [widget] } }
                #expect(error?.code == .invalidArgument, "\(name)")
                #expect(error?.message.hasPrefix(name + ":") == true, "expected \(name), got \(error?.message ?? "success")")
            }
            for widget in accepted { _ = try await fixture.create("ana") { $0.widgets = [widget] } }
        }
    }
}
