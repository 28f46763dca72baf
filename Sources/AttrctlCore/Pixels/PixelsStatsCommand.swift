import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl pixels stats [--platform P]...`: accuracy, stitching, activity and issues per platform.
struct PixelsStatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Accuracy, session stitching, activity and issues per platform over the last 24 hours.",
        discussion: """
            Calls attribution.v1.Pixels/GetStats. Accuracy is the share of the orders of the last 24 hours \
            with a delivered, matched purchase event of the platform; the trend compares it with the 24 hours \
            before. -o json prints GetStatsResponse in the protobuf JSON mapping.
            """
    )

    @Option(help: "Only this platform (repeatable): ga4, meta or tiktok. Default: all three.")
    var platform: [String] = []

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_GetStatsRequest {
        var request = Attribution_V1_GetStatsRequest()
        for text in platform {
            let value: Attribution_V1_PixelPlatform = try EnumNames.parse(text, "--platform")
            guard !request.platforms.contains(value) else { throw ValidationError("--platform \(text) is given twice") }
            request.platforms.append(value)
        }
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.getStats(request, timeout: .seconds(30)) }
        print(try Self.render(response, format: format))
    }

    static func render(_ response: Attribution_V1_GetStatsResponse, format: OutputFormat) throws -> String {
        if format == .json { return try response.jsonString() }
        let table = TableRenderer(
            header: ["platform", "accuracy", "trend", "matched/orders", "stitching", "events 24h", "last event", "issues"],
            rows: response.stats.map { stats in
                let noOrders = stats.noOrders
                return [
                    EnumNames.name(stats.platform),
                    noOrders ? "n/a" : PixelFormat.percent(stats.accuracyPercent),
                    noOrders || stats.previousOrders24H == 0 ? "n/a" : PixelFormat.points(stats.accuracyTrendPoints),
                    noOrders ? "n/a (0 orders)" : "\(stats.matchedOrders24H)/\(stats.orders24H)",
                    PixelFormat.percent(stats.sessionStitchingRatePercent),
                    "\(stats.eventCount24H)",
                    PixelFormat.time(stats.lastEventTime, set: stats.hasLastEventTime),
                    stats.issues.isEmpty ? "ok" : stats.issues.map { EnumNames.name($0) }.joined(separator: ","),
                ]
            })
        var text = table.render() + "\n\nComputed at \(PixelFormat.time(response.computeTime, set: response.hasComputeTime)) "
            + "over the 24 hours before (no_recent_events after \(response.noEventsHours) h without events, "
            + "stitching_rate_dropped at a drop of more than \(String(format: "%g", response.stitchingDropPoints)) points)."
        if response.stats.contains(where: \.noOrders) {
            text += "\nn/a: no_orders: no orders in the window, so there is no accuracy to measure (record orders with "
                + "`attrctl ingest orders`); the trend is n/a when either window had none."
        }
        return text
    }
}

extension Attribution_V1_PlatformPixelStats {
    /// No orders in the window: accuracy is not available. From the issue
    /// (attrd that sets it) or the count (an older attrd).
    var noOrders: Bool {
        issues.contains(.noOrders) || orders24H == 0
    }
}
