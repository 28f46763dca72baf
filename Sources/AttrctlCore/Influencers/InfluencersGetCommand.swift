import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl influencers get ID`.
struct InfluencersGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show one influencer.", discussion: "Calls attribution.v1.Influencers/GetInfluencer.")

    @Argument(help: "The influencer's id.")
    var id: String
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var request = Attribution_V1_GetInfluencerRequest()
        request.id = id
        let (response, format) = try await global.callInfluencers { try await $0.getInfluencer(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : InfluencerTables.influencer(response.influencer))
    }
}
