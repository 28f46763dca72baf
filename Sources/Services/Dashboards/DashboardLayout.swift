import Protos
import ServiceKit
import SwiftProtobuf

/// A layout as stored: the widgets' proto3 JSON in one JSON array.
enum DashboardLayout {
    static func encode(_ widgets: [Attribution_V1_Widget], _ field: String) throws(FieldError) -> String {
        do {
            return try Attribution_V1_Widget.jsonString(from: widgets)
        } catch {
            throw FieldError(field, "cannot be stored: \(error)")
        }
    }

    /// The stored widgets; fields a later version added are ignored.
    static func decode(_ layout: String) throws -> [Attribution_V1_Widget] {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        return try Attribution_V1_Widget.array(fromJSONString: layout, options: options)
    }
}
