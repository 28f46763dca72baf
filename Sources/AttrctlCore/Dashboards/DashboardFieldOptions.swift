import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// The dashboard fields `create` and `update` take: each flag given sets
/// its field and names it in the update mask.
struct DashboardFieldOptions: ParsableArguments {
    @Option(help: "The name, 1 to 200 characters.")
    var name: String?

    @Option(help: "A description, at most 2000 characters.")
    var description: String?

    @Option(help: "The default date range: last_7d, last_14d or last_30d.")
    var range: String?

    @Option(help: ArgumentHelp("Refresh the widgets every N minutes (1 to 1440; 0: never).", valueName: "minutes"))
    var refresh: Int?

    @Option(help: ArgumentHelp(
        "A JSON file with the widgets: an array of attribution.v1.Widget in the protobuf JSON mapping; with \"auto_place\": true attrd places a widget.",
        valueName: "file"))
    var widgets: String?

    @Option(help: "Share with every reader of the tenant: yes or no.")
    var shared: String?

    /// The dashboard with the given fields set, and their mask paths.
    func dashboard() throws -> (Attribution_V1_Dashboard, [String]) {
        var dashboard = Attribution_V1_Dashboard()
        var paths: [String] = []
        if let name { dashboard.name = name; paths.append("name") }
        if let description { dashboard.description_p = description; paths.append("description") }
        if let range {
            dashboard.dateRangeDefault = try EnumNames.parse(range, "--range", Array(Attribution_V1_RelativeDateRange.storedNames.prefix(3)))
            paths.append("date_range_default")
        }
        if let refresh {
            guard (0...1440).contains(refresh) else { throw ValidationError("--refresh must be 0 to 1440 minutes") }
            if refresh > 0 { dashboard.refreshIntervalMinutes = .init(Int32(refresh)) }
            paths.append("refresh_interval_minutes")
        }
        if let widgets {
            dashboard.widgets = try Self.readWidgets(widgets)
            paths.append("widgets")
        }
        if let shared {
            guard let value = ["yes": true, "no": false][shared.lowercased()] else { throw ValidationError("--shared must be yes or no") }
            dashboard.shared = value
            paths.append("shared")
        }
        return (dashboard, paths)
    }

    static func readWidgets(_ path: String) throws -> [Attribution_V1_Widget] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("--widgets: cannot read \(path): \(error.localizedDescription)")
        }
        do {
            return try Attribution_V1_Widget.array(fromJSONString: text)
        } catch {
            throw ValidationError("--widgets: \(path) is not a JSON array of widgets: \(error)")
        }
    }
}
