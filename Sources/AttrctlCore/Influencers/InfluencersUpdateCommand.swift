import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl influencers update ID --set field=value ...`.
struct InfluencersUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Change the fields given with --set field=value; the others keep their values.",
        discussion: """
            Calls attribution.v1.Influencers/UpdateInfluencer with an update mask of the fields given. Lists \
            (discount_codes, creator_links, utm_patterns) are replaced whole by the items given.

            Example:
              attrctl influencers update ID --set status=inactive --set discount_codes=ALEX20 --set discount_codes=ALEX25
            """
    )

    @Argument(help: "The influencer's id.")
    var id: String
    @OptionGroup var fields: InfluencerAssignments
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard try !fields.influencer().1.isEmpty else { throw ValidationError("give at least one field to change: --set field=value") }
    }

    func request() throws -> Attribution_V1_UpdateInfluencerRequest {
        try Self.request(id: id, fields.assignments)
    }

    /// The request of `--set` `assignments` for influencer `id`.
    static func request(id: String, _ assignments: [String]) throws -> Attribution_V1_UpdateInfluencerRequest {
        var request = Attribution_V1_UpdateInfluencerRequest()
        (request.influencer, request.updateMask.paths) = try InfluencerAssignments.parse(assignments)
        request.influencer.id = id
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callInfluencers { try await $0.updateInfluencer(request, timeout: .seconds(30)) }
        guard format != .json else { return print(try response.jsonString()) }
        print(InfluencerTables.influencer(response.influencer))
        print(response.reattribution.metricsUpdate)
    }
}
