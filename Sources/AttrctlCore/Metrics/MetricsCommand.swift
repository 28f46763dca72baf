import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl metrics`: attributed metrics by channel, campaign or period, with the previous period.
struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Attributed revenue, conversions and spend by channel, campaign, day, week or month, against the previous period.",
        discussion: """
            Calls attribution.v1.Dashboards/QueryMetrics (the same query layer dashboard widgets use); -o json prints \
            QueryMetricsResponse in the protobuf JSON mapping. --from defaults to 7 days ago, --to to yesterday (UTC).
            """
    )

    @Option(help: "The attribution model: first_touch, last_touch, linear, time_decay or position_based.")
    var model = "last_touch"

    @Option(help: "The attribution window: 1d, 7d, 14d, 28d, 30d or 90d.")
    var window = "7d"

    @Option(help: "The first day, YYYY-MM-DD.")
    var from: String?

    @Option(help: "The last day, YYYY-MM-DD.")
    var to: String?

    @Option(help: "Rows by channel, campaign, day, week or month.")
    var by = "channel"

    @Option(name: .customLong("channel"), help: "Only this channel (repeatable).")
    var channels: [String] = []

    @OptionGroup var global: GlobalOptions

    func request(today: Date = Date()) throws -> Attribution_V1_QueryMetricsRequest {
        var request = Attribution_V1_QueryMetricsRequest()
        request.model = try MetricsNames.parse(model, "--model", MetricsNames.models)
        request.window = try MetricsNames.parse(window, "--window", MetricsNames.windows)
        request.groupBy = try MetricsNames.parse(by, "--by", MetricsNames.groupings)
        request.channels = channels
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        let yesterday = formatter.string(from: today.addingTimeInterval(-86_400))
        let weekAgo = formatter.string(from: today.addingTimeInterval(-7 * 86_400))
        request.dateRange.startDate = try MetricsNames.date(from ?? weekAgo, "--from")
        request.dateRange.endDate = try MetricsNames.date(to ?? yesterday, "--to")
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callDashboards { try await $0.queryMetrics(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : MetricsTable.render(response, grouping: request.groupBy))
    }
}
