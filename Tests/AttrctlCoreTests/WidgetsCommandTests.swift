import ArgumentParser
@testable import AttrctlCore
import Protos
import Testing

@Suite("attrctl widgets: add, move and remove edit the widget list")
struct WidgetsCommandTests {
    @Test func flagsBecomeAWidgetAndEditsApply() throws {
        let kpi = try WidgetsAddCommand.parse([
            "dash", "--id", "rev", "--type", "kpi", "--metric", "revenue", "--title", "Revenue", "--model", "linear", "--window", "30d",
        ]).widget()
        #expect(kpi.type == .kpi && kpi.autoPlace && kpi.config.metrics == [.revenue] && kpi.config.dataSource == .channels)
        #expect(kpi.config.filters.model == .linear && kpi.config.filters.window == .attributionWindow30Days && kpi.width == 3)
        let text = try WidgetsAddCommand.parse(["dash", "--id", "n", "--type", "text", "--markdown", "# Hi", "--x", "3", "--y", "2"]).widget()
        #expect(text.type == .text && !text.autoPlace && text.x == 3 && text.y == 2 && !text.config.hasFilters)
        #expect(throws: (any Error).self) { _ = try WidgetsAddCommand.parse(["dash", "--id", "a", "--type", "kpi", "--x", "1"]).widget() }
        #expect(throws: (any Error).self) { _ = try WidgetsAddCommand.parse(["dash", "--id", "a", "--type", "gauge"]).widget() }

        let added = try WidgetEdit.add(text).apply(to: [kpi])
        #expect(added.map(\.id) == ["rev", "n"])
        #expect(throws: ValidationError.self) { _ = try WidgetEdit.add(kpi).apply(to: added) }
        let moved = try WidgetEdit.move(id: "rev", x: 6, y: 4, width: 6, height: nil).apply(to: added)
        #expect(moved[0].x == 6 && moved[0].y == 4 && moved[0].width == 6 && moved[0].height == 1 && !moved[0].autoPlace)
        #expect(throws: ValidationError.self) { _ = try WidgetEdit.move(id: "nope", x: 0, y: 0, width: nil, height: nil).apply(to: added) }
        #expect(try WidgetEdit.remove(id: "rev").apply(to: moved).map(\.id) == ["n"])
        #expect(throws: ValidationError.self) { _ = try WidgetEdit.remove(id: "nope").apply(to: moved) }
    }
}
