import ArgumentParser
import Protos
import SwiftProtobuf

/// A change of a dashboard's widgets that `attrctl widgets` makes: the
/// whole list is sent back with the version it was read at, so a
/// concurrent change is refused (ABORTED) rather than lost.
enum WidgetEdit {
    case add(Attribution_V1_Widget)
    case move(id: String, x: Int32, y: Int32, width: Int32?, height: Int32?)
    case remove(id: String)

    func apply(to widgets: [Attribution_V1_Widget]) throws(ValidationError) -> [Attribution_V1_Widget] {
        switch self {
        case .add(let widget):
            guard !widgets.contains(where: { $0.id == widget.id }) else { throw ValidationError("the dashboard already has a widget \(widget.id)") }
            return widgets + [widget]
        case .move(let id, let x, let y, let width, let height):
            guard let index = widgets.firstIndex(where: { $0.id == id }) else { throw ValidationError("the dashboard has no widget \(id)") }
            var moved = widgets
            (moved[index].x, moved[index].y, moved[index].autoPlace) = (x, y, false)
            if let width { moved[index].width = width }
            if let height { moved[index].height = height }
            return moved
        case .remove(let id):
            guard widgets.contains(where: { $0.id == id }) else { throw ValidationError("the dashboard has no widget \(id)") }
            return widgets.filter { $0.id != id }
        }
    }

    /// Reads the dashboard, applies the edit and updates its widgets based on the version read.
    func send(_ dashboardID: String, _ client: Attribution_V1_DashboardsClient) async throws -> Attribution_V1_Dashboard {
        var get = Attribution_V1_GetDashboardRequest()
        get.id = dashboardID
        let current = try await client.getDashboard(get, timeout: .seconds(30)).dashboard
        var request = Attribution_V1_UpdateDashboardRequest()
        request.dashboard.id = dashboardID
        request.dashboard.version = current.version
        request.dashboard.widgets = try apply(to: current.widgets)
        request.updateMask.paths = ["widgets"]
        return try await client.updateDashboard(request, timeout: .seconds(30)).dashboard
    }
}
