import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl influencers list [--status] [--search] [--sort] [--from --to]`.
struct InfluencersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List influencers with their metrics (last touch, 30-day window).",
        discussion: "Calls attribution.v1.Influencers/ListInfluencers; -o json prints the response in the protobuf JSON mapping."
    )

    @Option(help: "active or inactive (default: both).")
    var status: String?
    @Option(help: "Only names containing this text, or a discount code equal to it.")
    var search: String?
    @Option(help: "revenue, conversions or roas (default: by name).")
    var sort: String?
    @Option(help: "Influencers per page (server default 50, at most 200).")
    var pageSize: Int32?
    @OptionGroup var dates: InfluencerDateOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_ListInfluencersRequest()
        switch status {
        case nil: break
        case "active": request.status = .active
        case "inactive": request.status = .inactive
        default: throw ValidationError("--status must be active or inactive")
        }
        switch sort {
        case nil: break
        case "revenue": request.sortOrder = .revenue
        case "conversions": request.sortOrder = .conversions
        case "roas": request.sortOrder = .roas
        default: throw ValidationError("--sort must be revenue, conversions or roas")
        }
        request.query = search ?? ""
        request.pageSize = pageSize ?? 0
        if let range = try dates.range() { request.dateRange = range }
        let (response, format) = try await global.callInfluencers { try await $0.listInfluencers(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : InfluencerTables.list(response.influencers))
    }
}
