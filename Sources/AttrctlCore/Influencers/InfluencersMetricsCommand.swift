import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl influencers metrics ID [--from --to]`.
struct InfluencersMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics", abstract: "An influencer's metrics for a period and the previous one.",
        discussion: "Calls attribution.v1.Influencers/GetInfluencerMetrics.")

    @Argument(help: "The influencer's id.")
    var id: String
    @OptionGroup var dates: InfluencerDateOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_GetInfluencerMetricsRequest()
        request.id = id
        if let range = try dates.range() { request.dateRange = range }
        let (r, format) = try await global.callInfluencers { try await $0.getInfluencerMetrics(request, timeout: .seconds(30)) }
        guard format != .json else { return print(try r.jsonString()) }
        func row(_ name: String, _ m: Attribution_V1_InfluencerMetrics) -> [String] {
            [
                name, InfluencerTables.money(m.revenue), String(format: "%.2f", m.conversions), InfluencerTables.money(m.averageOrderValue),
                String(format: "%.1f", m.newCustomerPercent), InfluencerTables.money(m.commissionEarned), String(format: "%.2f", m.roas),
            ]
        }
        print(
            TableRenderer(
                header: ["PERIOD", "REVENUE", "CONVERSIONS", "AOV", "NEW %", "COMMISSION", "ROAS"],
                rows: [row("current", r.metrics), row("previous", r.previousMetrics)]
            ).render())
        print(String(format: "revenue change %.1f%%, rules version %lld%@", r.delta.revenueChangePercent, r.rulesVersion,
                     r.reattributionPending ? " (re-attribution pending)" : ""))
    }
}
