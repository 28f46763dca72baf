import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl pixels emq [--days N] [--type T]`: the estimated Meta Event Match Quality.
struct PixelsEmqCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emq",
        abstract: "Estimated Meta Event Match Quality: overall score, per parameter, daily trend.",
        discussion: """
            Calls attribution.v1.Pixels/GetEmq. An estimate from the match keys on the stored Meta events \
            (weights and formula in proto/attribution/v1/pixels.proto), not Meta's own number. -o json prints \
            GetEmqResponse in the protobuf JSON mapping.
            """
    )

    @Option(parsing: .unconditional, help: "Days of the daily trend, ending today (UTC): 1 to 90 (default 14).")
    var days: Int?

    @Option(name: [.customLong("type"), .customLong("event-type")], help: "Only Meta events of this type: purchase, add_to_cart, page_view or checkout.")
    var eventType: String?

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_GetEmqRequest {
        var request = Attribution_V1_GetEmqRequest()
        if let days {
            guard (1...90).contains(days) else { throw ValidationError("--days must be 1 to 90") }
            request.days = Int32(days)
        }
        request.eventType = try EnumNames.filter(eventType, "--type")
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.getEmq(request, timeout: .seconds(30)) }
        print(try Self.render(response, format: format))
    }

    static func render(_ response: Attribution_V1_GetEmqResponse, format: OutputFormat) throws -> String {
        if format == .json { return try response.jsonString() }
        func score(_ value: Double) -> String { String(format: "%.1f", value) }
        let parameters = TableRenderer(
            header: ["parameter", "weight", "coverage", "score"],
            rows: response.parameterScores.map {
                [$0.parameter, "\($0.weight)", PixelFormat.percent($0.coveragePercent), score($0.score)]
            })
        let trend = TableRenderer(
            header: ["date", "score", "events"],
            rows: response.trend.map { day in
                let date = String(format: "%04d-%02d-%02d", day.date.year, day.date.month, day.date.day)
                return [date, score(day.score), "\(day.eventCount)"]
            })
        return [
            "Estimated EMQ: \(score(response.overallScore))/10 over \(response.eventCount) Meta events of today and the 6 days before (UTC) "
                + "(an estimate, not Meta's number; computed \(PixelFormat.time(response.computeTime, set: response.hasComputeTime))).",
            "",
            parameters.render(),
            "",
            "Daily trend:",
            trend.render(),
        ].joined(separator: "\n")
    }
}
