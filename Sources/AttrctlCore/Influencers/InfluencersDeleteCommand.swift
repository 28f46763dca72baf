import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl influencers delete ID`.
struct InfluencersDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete an influencer (orders are not changed).",
        discussion: "Calls attribution.v1.Influencers/DeleteInfluencer.")

    @Argument(help: "The influencer's id.")
    var id: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_DeleteInfluencerRequest()
        request.id = id
        let (response, format) = try await global.callInfluencers { try await $0.deleteInfluencer(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : "Deleted influencer \(id). \(response.reattribution.metricsUpdate)")
    }
}
