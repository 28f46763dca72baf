import Dashboards
import Foundation
import Protos
import TestSupport
import Testing
import Wire

@Suite("Dashboards: layout validation and placement", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardLayoutTests {
    typealias Fixture = DashboardsFixture

    /// One broken widget among valid ones, and the field the refusal must name.
    static func cases() -> [(String, [Attribution_V1_Widget])] {
        func broken(_ change: (inout Attribution_V1_Widget) -> Void, type: Attribution_V1_WidgetType = .kpi) -> [Attribution_V1_Widget] {
            var widget = Fixture.widget("w1", type, x: 0, y: 4)
            change(&widget)
            return [Fixture.widget("w0", x: 0, y: 0), widget]
        }
        let tooMany = (0..<21).map { Fixture.widget("k\($0)", width: 1, height: 1) }
        return [
            ("dashboard.widgets[1].id", broken { $0.id = "" }),
            ("dashboard.widgets[1].id", broken { $0.id = "has space" }),
            ("dashboard.widgets[1].id", broken { $0.id = String(repeating: "a", count: 65) }),
            ("dashboard.widgets[1].id", broken { $0.id = "w0" }),
            ("dashboard.widgets[1].type", broken { $0.type = .unspecified }),
            ("dashboard.widgets[1].x", broken { $0.x = -1 }),
            ("dashboard.widgets[1].x", broken { $0.x = 12; $0.width = 1 }),
            ("dashboard.widgets[1].width", broken { $0.width = 0 }),
            ("dashboard.widgets[1].width", broken { $0.width = 13; $0.x = 0 }),
            ("dashboard.widgets[1].width", broken { $0.x = 10; $0.width = 3 }),
            ("dashboard.widgets[1].y", broken { $0.y = -1 }),
            ("dashboard.widgets[1].y", broken { $0.y = 1001 }),
            ("dashboard.widgets[1].y", broken { $0.autoPlace = true; $0.x = 0 }),
            ("dashboard.widgets[1].x", broken { $0.autoPlace = true; $0.x = 2 }),
            ("dashboard.widgets[1].height", broken { $0.height = 0 }),
            ("dashboard.widgets[1].height", broken { $0.height = 25 }),
            ("dashboard.widgets[1]", broken { $0.x = 2; $0.y = 1 }),
            ("dashboard.widgets", tooMany),
            ("dashboard.widgets[1].config", broken { $0.clearConfig() }),
            ("dashboard.widgets[1].config.title", broken { $0.config.title = String(repeating: "t", count: 201) }),
            ("dashboard.widgets[1].config.description", broken { $0.config.description_p = String(repeating: "d", count: 1001) }),
            ("dashboard.widgets[1].config.data_source", broken { $0.config.dataSource = .unspecified }),
            ("dashboard.widgets[1].config.markdown", broken { $0.config.markdown = "text" }),
            ("dashboard.widgets[1].config.metrics", broken { $0.config.metrics = [] }),
            ("dashboard.widgets[1].config.metrics", broken { $0.config.metrics = [.revenue, .spend] }),
            ("dashboard.widgets[1].config.metrics", broken({ $0.config.metrics = [.revenue, .spend, .roas, .conversions, .costPerAcquisition] }, type: .lineChart)),
            ("dashboard.widgets[1].config.metrics", broken({ $0.config.metrics = [] }, type: .table)),
            ("dashboard.widgets[1].config.metrics[0]", broken { $0.config.metrics = [.unspecified] }),
            ("dashboard.widgets[1].config.metrics[1]", broken({ $0.config.metrics = [.revenue, .revenue] }, type: .barChart)),
            ("dashboard.widgets[1].config.metrics[0]", broken { $0.config.dataSource = .influencers; $0.config.metrics = [.spend] }),
            ("dashboard.widgets[1].config.filters", broken { $0.config.clearFilters() }),
            ("dashboard.widgets[1].config.filters.model", broken { $0.config.filters.model = .unspecified }),
            ("dashboard.widgets[1].config.filters.window", broken { $0.config.filters.window = .unspecified }),
            ("dashboard.widgets[1].config.filters.channels[1]", broken { $0.config.filters.channels = ["email", ""] }),
            ("dashboard.widgets[1].config.filters.channels", broken { $0.config.filters.channels = (0...50).map { "c\($0)" } }),
            ("dashboard.widgets[1].config.filters.channels", broken { $0.config.dataSource = .influencers; $0.config.filters.channels = ["email"] }),
            ("dashboard.widgets[1].config.markdown", broken({ $0.config.markdown = "" }, type: .text)),
            ("dashboard.widgets[1].config.markdown", broken({ $0.config.markdown = String(repeating: "m", count: 10_001) }, type: .text)),
            ("dashboard.widgets[1].config.data_source", broken({ $0.config.dataSource = .channels }, type: .text)),
            ("dashboard.widgets[1].config.metrics", broken({ $0.config.metrics = [.revenue] }, type: .text)),
            ("dashboard.widgets[1].config.filters", broken({ $0.config.filters.model = .linear }, type: .text)),
        ]
    }

    @Test func everyRuleNamesTheWidgetAndField() async throws {
        try await Fixture.with { fixture in
            for (field, widgets) in Self.cases() {
                let error = await DirectCall.status { _ = try await fixture.create("ana") { $0.widgets = widgets } }
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.hasPrefix(field + ":") == true, "expected \(field), got \(error?.message ?? "success")")
            }
            let stored = try await fixture.list("ana")
            #expect(stored.isEmpty, "no refused dashboard was stored")
        }
    }

    @Test func theEdgesOfTheGridAreAccepted() async throws {
        try await Fixture.with { fixture in
            // Twelve one-column tiles fill a row; a widget may end at column 12 and row 1000 + 24.
            var widgets = (0..<12).map { Fixture.widget("tile\($0)", x: Int32($0), y: 0, width: 1, height: 1) }
            widgets.append(Fixture.widget("bottom", .table, x: 0, y: 1000, width: 12, height: 24))
            widgets.append(Fixture.widget("note", .text, x: 11, y: 1, width: 1, height: 1))
            let stored = try await fixture.create("ana") { $0.widgets = widgets }
            #expect(stored.widgets == widgets)
        }
    }

    @Test func widgetsWithoutAPositionArePlacedInTheFirstFreeSlot() async throws {
        try await Fixture.with { fixture in
            let stored = try await fixture.create("ana") {
                $0.widgets = [
                    Fixture.widget("auto-wide", width: 8, height: 2),
                    Fixture.widget("fixed", x: 4, y: 0, width: 4, height: 3),
                    Fixture.widget("auto-a", width: 4, height: 1),
                    Fixture.widget("auto-b", width: 4, height: 2),
                    Fixture.widget("auto-c", width: 12, height: 1),
                ]
            }
            let positions = stored.widgets.map { "\($0.id)@\($0.x),\($0.y)" }
            // Explicit widgets first; then in request order, rows top-down, columns left to right:
            // auto-wide (8 wide) fits first at row 3; auto-a at (0,0); auto-b at (8,0); auto-c below everything at row 5.
            #expect(positions == ["auto-wide@0,3", "fixed@4,0", "auto-a@0,0", "auto-b@8,0", "auto-c@0,5"])
            #expect(stored.widgets.allSatisfy { !$0.autoPlace })
            // The resolved positions are what a read returns.
            let read = try await fixture.get("ana", stored.id)
            #expect(read.widgets == stored.widgets)
        }
    }

    @Test func updatedWidgetsAreValidatedAndPlacedToo() async throws {
        try await Fixture.with { fixture in
            let created = try await fixture.create("ana") { $0.widgets = [Fixture.widget("a", x: 0, y: 0, width: 12, height: 1)] }
            let error = await DirectCall.status {
                _ = try await fixture.update("ana", created.id, ["widgets"], version: created.version) {
                    $0.widgets = [Fixture.widget("a", x: 0, y: 0), Fixture.widget("b", x: 1, y: 1)]
                }
            }
            #expect(error?.message.hasPrefix("dashboard.widgets[1]:") == true, "\(error?.message ?? "")")
            let updated = try await fixture.update("ana", created.id, ["widgets"], version: created.version) {
                $0.widgets = [Fixture.widget("a", x: 0, y: 0, width: 6), Fixture.widget("b", width: 6)]
            }
            #expect(updated.widgets.map { [$0.x, $0.y] } == [[0, 0], [6, 0]])
        }
    }
}
