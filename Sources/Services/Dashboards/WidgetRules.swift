import Protos

/// What each widget type and data source accept (dashboards.proto documents
/// the same): how many metrics, and which metrics a source offers.
enum WidgetRules {
    /// The most widgets on one dashboard.
    static let maximumWidgets = 20
    static let columns = 12
    static let maximumRow: Int32 = 1000
    static let maximumHeight: Int32 = 24

    /// How many metrics a type takes; nil for TEXT, which takes none.
    static func metricCount(_ type: Attribution_V1_WidgetType) -> ClosedRange<Int>? {
        switch type {
        case .kpi, .pie: 1...1
        case .lineChart, .barChart: 1...4
        case .table: 1...6
        default: nil
        }
    }

    /// The metrics a data source offers.
    static func metrics(of source: Attribution_V1_WidgetDataSource) -> [Attribution_V1_MetricName] {
        switch source {
        case .influencers: [.revenue, .conversions, .averageOrderValue]
        default: [.revenue, .conversions, .spend, .roas, .averageOrderValue, .costPerAcquisition, .revenueShare]
        }
    }

    static let dataSources: [Attribution_V1_WidgetDataSource] = [.channels, .influencers]
    static let types: [Attribution_V1_WidgetType] = [.kpi, .lineChart, .barChart, .table, .pie, .text]
}
