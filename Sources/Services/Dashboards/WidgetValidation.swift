import Protos
import ServiceKit

/// One widget's checks, each naming the widget's field (`dashboard.widgets[3].width`).
/// Positions are checked here one by one; overlaps and placement are
/// `GridPlacement`'s, over the whole layout.
enum WidgetValidation {
    static func check(_ widget: Attribution_V1_Widget, _ field: String) throws(FieldError) {
        try checkID(widget.id, "\(field).id")
        guard WidgetRules.types.contains(widget.type) else { throw FieldError("\(field).type", "is required (kpi, line, bar, table, pie or text)") }
        try checkPosition(widget, field)
        guard widget.hasConfig else { throw FieldError("\(field).config", "is required") }
        try checkConfig(widget.config, type: widget.type, "\(field).config")
    }

    private static func checkID(_ id: String, _ field: String) throws(FieldError) {
        guard !id.isEmpty else { throw FieldError(field, "is required") }
        guard id.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else { throw FieldError(field, "must be 1 to 64 letters, digits, '-' or '_'") }
    }

    private static func checkPosition(_ widget: Attribution_V1_Widget, _ field: String) throws(FieldError) {
        if widget.autoPlace {
            if widget.x != 0 { throw FieldError("\(field).x", "must be 0 with auto_place (the server chooses it)") }
            if widget.y != 0 { throw FieldError("\(field).y", "must be 0 with auto_place (the server chooses it)") }
        }
        guard (0..<Int32(WidgetRules.columns)).contains(widget.x) else {
            throw FieldError("\(field).x", "must be 0 to \(WidgetRules.columns - 1)")
        }
        guard (0...WidgetRules.maximumRow).contains(widget.y) else {
            throw FieldError("\(field).y", "must be 0 to \(WidgetRules.maximumRow)")
        }
        guard (1...Int32(WidgetRules.columns)).contains(widget.width) else {
            throw FieldError("\(field).width", "must be 1 to \(WidgetRules.columns)")
        }
        if widget.x + widget.width > Int32(WidgetRules.columns) {
            throw FieldError("\(field).width", "reaches past the grid: x + width must be at most \(WidgetRules.columns)")
        }
        guard (1...WidgetRules.maximumHeight).contains(widget.height) else {
            throw FieldError("\(field).height", "must be 1 to \(WidgetRules.maximumHeight)")
        }
    }

    private static func checkConfig(_ config: Attribution_V1_WidgetConfig, type: Attribution_V1_WidgetType, _ field: String) throws(FieldError) {
        _ = try Validate.optional(config.title, "\(field).title", maximum: 200)
        _ = try Validate.optional(config.description_p, "\(field).description", maximum: 1000)
        try checkOptions(config, type: type, field)
        guard let counts = WidgetRules.metricCount(type) else { return try checkText(config, field) }
        guard WidgetRules.dataSources.contains(config.dataSource) else {
            throw FieldError("\(field).data_source", "is required for a \(type.storedName ?? "data") widget (channels or influencers)")
        }
        guard config.markdown.isEmpty else { throw FieldError("\(field).markdown", "is only for text widgets") }
        try checkMetrics(config.metrics, counts: counts, source: config.dataSource, type: type, "\(field).metrics")
        guard config.hasFilters else { throw FieldError("\(field).filters", "is required (model and window)") }
        try checkFilters(config.filters, source: config.dataSource, "\(field).filters")
    }

    private static func checkText(_ config: Attribution_V1_WidgetConfig, _ field: String) throws(FieldError) {
        guard config.dataSource == .unspecified else { throw FieldError("\(field).data_source", "must be unset for a text widget") }
        guard config.metrics.isEmpty else { throw FieldError("\(field).metrics", "must be empty for a text widget") }
        guard !config.hasFilters else { throw FieldError("\(field).filters", "must be unset for a text widget") }
        guard !config.markdown.isEmpty else { throw FieldError("\(field).markdown", "is required for a text widget") }
        guard config.markdown.count <= 10_000 else { throw FieldError("\(field).markdown", "is longer than 10000 characters") }
    }

    private static func checkMetrics(
        _ metrics: [Attribution_V1_MetricName], counts: ClosedRange<Int>, source: Attribution_V1_WidgetDataSource,
        type: Attribution_V1_WidgetType, _ field: String
    ) throws(FieldError) {
        let kind = type.storedName ?? "this"
        guard counts.contains(metrics.count) else {
            let expected = counts.count == 1 ? "exactly \(counts.lowerBound)" : "\(counts.lowerBound) to \(counts.upperBound)"
            throw FieldError(field, "a \(kind) widget takes \(expected) metric\(counts.upperBound == 1 ? "" : "s")")
        }
        let offered = WidgetRules.metrics(of: source)
        for (index, metric) in metrics.enumerated() {
            guard offered.contains(metric) else {
                throw FieldError("\(field)[\(index)]", "is not a metric of this data source (use \(offered.map(Self.name).joined(separator: ", ")))")
            }
            guard !metrics[..<index].contains(metric) else { throw FieldError("\(field)[\(index)]", "repeats a metric") }
        }
    }

    private static func checkFilters(_ filters: Attribution_V1_WidgetFilters, source: Attribution_V1_WidgetDataSource, _ field: String) throws(FieldError) {
        if source != .channels, !filters.channels.isEmpty {
            throw FieldError("\(field).channels", "is only for the channels data source")
        }
        _ = try Validate.strings(filters.channels, "\(field).channels", maximum: 50, length: 64, noun: "channels")
        guard filters.model != .unspecified, Attribution_V1_AttributionModel.allCases.contains(filters.model) else {
            throw FieldError("\(field).model", "is required (an attribution model)")
        }
        guard filters.window != .unspecified, Attribution_V1_AttributionWindow.allCases.contains(filters.window) else {
            throw FieldError("\(field).window", "is required (an attribution window)")
        }
    }

    /// The metric's name in messages: `average_order_value` for METRIC_NAME_AVERAGE_ORDER_VALUE.
    static func name(_ metric: Attribution_V1_MetricName) -> String {
        String(describing: metric).reduce(into: "") { name, character in
            name += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }
}
