import AttributionCore
import AttributionStore
import Foundation
public import Protos
public import RPCServer
import ServiceKit
import SwiftProtobuf
import Wire

extension DashboardsService {
    /// The most widget queries of one dashboard that run at once.
    static let concurrentWidgetQueries = 4

    struct DashboardKey: Hashable, Sendable {
        var tenantID: UUID
        var dashboardID: UUID
    }

    public func getWidgetData(_ request: Attribution_V1_GetWidgetDataRequest, context: ServerContext) async throws -> Attribution_V1_GetWidgetDataResponse {
        let user = try Self.user(context)
        let id = try Validate.uuid(request.dashboardID, "dashboard_id")
        guard !request.widgetID.isEmpty else { throw FieldError("widget_id", "is required") }
        let today = CalendarDay(now())
        let requested = try request.hasDateRange
            ? MetricProto.days(request.dateRange, "date_range", maximumDays: 366, today: today) : nil
        guard let stored = try await store.get(id, user: user, tenantID: context.tenantID) else { throw Self.notFound(id) }
        let widgets = try DashboardLayout.decode(stored.record.layout)
        guard let widget = widgets.first(where: { $0.id == request.widgetID }) else {
            throw NotFound("widget", id: request.widgetID)
        }
        let (first, last) = requested ?? Self.defaultRange(stored.record.dateRange, today: today)
        var response = Attribution_V1_GetWidgetDataResponse()
        response.type = widget.type
        var range = Attribution_V1_DateRange()
        range.startDate = Attribution_V1_Date(first)
        range.endDate = Attribution_V1_Date(last)
        response.dateRange = range
        if widget.type == .text {
            response.text.markdown = MarkdownSanitizer.sanitize(widget.config.markdown)
        } else {
            let key = DashboardKey(tenantID: context.tenantID, dashboardID: id)
            response.data = try await limiter.run(key) {
                try await data(of: widget, first: first, last: last, tenantID: context.tenantID)
            }
        }
        response.computeTime = .init(date: now())
        return response
    }

    /// The dashboard's relative range, ending yesterday (UTC).
    static func defaultRange(_ stored: String, today: CalendarDay) -> (CalendarDay, CalendarDay) {
        let days = switch stored {
        case "last_7d": 7
        case "last_14d": 14
        default: 30
        }
        return (today.adding(days: -days), today.adding(days: -1))
    }

    /// A data widget's data over the metrics layer (channels) or the
    /// influencer metrics store (influencers).
    func data(
        of widget: Attribution_V1_Widget, first: CalendarDay, last: CalendarDay, tenantID: UUID
    ) async throws -> Attribution_V1_GetWidgetDataResponse.OneOf_Data {
        let config = widget.config
        guard let model = MetricProto.model(config.filters.model), let window = MetricProto.window(config.filters.window) else {
            throw FieldError("widget_id", "widget \(widget.id) has no model or window")
        }
        let query = try MetricsQuery(first: first, last: last, model: model, window: window, channels: config.filters.channels)
        if config.dataSource == .influencers { return try await influencerData(of: widget, query: query, tenantID: tenantID) }
        switch widget.type {
        case .kpi:
            return .kpi(try await kpi(config, query, tenantID: tenantID))
        case .lineChart, .barChart where widget.type == .lineChart || config.granularity != .unspecified:
            let granularity = config.granularity == .unspecified ? Attribution_V1_SeriesGranularity.day : config.granularity
            let grouping: MetricsGrouping = switch granularity {
            case .week: .week
            case .month: .month
            default: .day
            }
            let groups = try await metrics.groups(query, by: grouping, tenantID: tenantID)
            return .series(WidgetData.series(config.metrics, groups, granularity: granularity, currency: groups.total.totals.currency ?? ""))
        case .pie:
            let groups = try await metrics.groups(query, by: .channel, tenantID: tenantID)
            let limit = config.limit == 0 ? 10 : Int(config.limit)
            return .pie(WidgetData.pie(config.metrics[0], groups, limit: limit, currency: groups.total.totals.currency ?? ""))
        default:
            let groups = try await metrics.groups(query, by: .channel, tenantID: tenantID)
            let limit = config.limit == 0 ? 50 : Int(config.limit)
            return .table(WidgetData.table(config.metrics, groups, limit: limit, currency: groups.total.totals.currency ?? ""))
        }
    }

    func kpi(_ config: Attribution_V1_WidgetConfig, _ query: MetricsQuery, tenantID: UUID) async throws -> Attribution_V1_KpiData {
        let metric = config.metrics[0]
        switch config.comparison {
        case .target:
            let current = try await metrics.groups(query, by: .total, tenantID: tenantID)
            return WidgetData.kpi(
                metric, current: current, comparison: nil, comparisonRange: nil, mode: .target, target: config.target.value,
                currency: current.total.totals.currency ?? "")
        default:
            let mode: Attribution_V1_KpiComparison = config.comparison == .periodsAgo ? .periodsAgo : .previousPeriod
            let compared = query.shifted(periods: mode == .periodsAgo ? Int(config.periodsAgo) : 1)
            let (current, comparison) = try await metrics.groups(query, comparedWith: compared, by: .total, tenantID: tenantID)
            return WidgetData.kpi(
                metric, current: current, comparison: comparison, comparisonRange: MetricProto.range(compared), mode: mode,
                target: nil, currency: current.total.totals.currency ?? comparison.total.totals.currency ?? "")
        }
    }
}
