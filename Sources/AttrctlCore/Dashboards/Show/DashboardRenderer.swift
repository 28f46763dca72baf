import Protos

/// A dashboard drawn on its 12-column grid for a terminal `width` columns
/// wide: each widget a box `width` / 12 × its columns wide and 4 lines per
/// grid row tall, holding its data (`WidgetLines`).
enum DashboardRenderer {
    static let linesPerRow = 4

    static func render(
        _ dashboard: Attribution_V1_Dashboard, data: [String: Attribution_V1_GetWidgetDataResponse], width: Int, range: String
    ) -> String {
        let column = max(2, width / 12)
        let bottom = dashboard.widgets.map { Int($0.y + $0.height) }.max() ?? 0
        var canvas = TextCanvas(width: column * 12, height: bottom * linesPerRow)
        for widget in dashboard.widgets {
            let boxWidth = Int(widget.width) * column
            let boxHeight = Int(widget.height) * linesPerRow
            let lines = WidgetLines.lines(widget, data[widget.id], inner: boxWidth - 2, rows: boxHeight - 2)
            canvas.box(
                x: Int(widget.x) * column, y: Int(widget.y) * linesPerRow, width: boxWidth, height: boxHeight,
                title: widget.config.title.isEmpty ? widget.id : widget.config.title, lines: lines)
        }
        let heading = "\(dashboard.name) · \(range)"
        return dashboard.widgets.isEmpty ? heading + "\n\nNo widgets." : heading + "\n" + canvas.text
    }
}
