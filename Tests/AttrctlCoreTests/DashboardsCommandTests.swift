import ArgumentParser
@testable import AttrctlCore
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing

@Suite("attrctl dashboards: flags become requests, dashboards become tables")
struct DashboardsCommandTests {
    @Test func flagsSetTheirFieldsAndTheMask() throws {
        let directory = try TemporaryDirectory()
        let widgets = try directory.write("widgets.json", #"[{"id": "kpi", "type": "WIDGET_TYPE_KPI", "width": 3, "height": 2, "auto_place": true}]"#)
        let command = try DashboardsUpdateCommand.parse([
            "0b7e7a0c-0000-4000-8000-000000000001", "--name", "Weekly", "--range", "last_7d", "--refresh", "0",
            "--shared", "yes", "--widgets", widgets, "--if-version", "4",
        ])
        let (dashboard, paths) = try command.fields.dashboard()
        #expect(paths == ["name", "date_range_default", "refresh_interval_minutes", "widgets", "shared"])
        #expect(dashboard.name == "Weekly" && dashboard.dateRangeDefault == .last7Days && dashboard.shared)
        #expect(!dashboard.hasRefreshIntervalMinutes, "--refresh 0 clears the interval")
        #expect(dashboard.widgets.first?.id == "kpi" && dashboard.widgets.first?.autoPlace == true)
        #expect(command.version == 4)
    }

    @Test func badFlagsAreUsageErrors() throws {
        #expect(PixelsRequestTests.rejects("--range must be one of last_7d, last_14d, last_30d") {
            _ = try DashboardsCreateCommand.parse(["--range", "last_month"]).fields.dashboard()
        })
        #expect(PixelsRequestTests.rejects("--shared must be yes or no") {
            _ = try DashboardsCreateCommand.parse(["--shared", "maybe"]).fields.dashboard()
        })
        #expect(PixelsRequestTests.rejects("give at least one field") { _ = try DashboardsUpdateCommand.parse(["id"]) })
        #expect(PixelsRequestTests.rejects("exclude each other") {
            _ = try DashboardsUpdateCommand.parse(["id", "--name", "x", "--if-version", "2", "--overwrite"])
        })
    }

    @Test func aDashboardIsShownWithItsWidgets() {
        var dashboard = Attribution_V1_Dashboard()
        dashboard.id = "0b7e7a0c-0000-4000-8000-000000000001"
        dashboard.name = "Overview"
        dashboard.isDefault = true
        dashboard.version = 3
        dashboard.ownerID = "ana"
        dashboard.dateRangeDefault = .last7Days
        var widget = Attribution_V1_Widget()
        widget.id = "revenue"
        widget.type = .kpi
        widget.x = 0
        widget.y = 2
        widget.width = 3
        widget.height = 2
        widget.config.title = "Revenue"
        dashboard.widgets = [widget]
        let text = DashboardTables.detail(dashboard)
        #expect(text.contains("default      yes") && text.contains("version      3") && text.contains("date range   last_7d"), "\(text)")
        #expect(text.contains("revenue") && text.contains("kpi") && text.contains("Revenue"), "\(text)")
        #expect(DashboardTables.list([], nextPageToken: "").hasPrefix("No dashboards"))
    }
}
