import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl influencers create --set name=NAME [--set field=value ...]`.
struct InfluencersCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an influencer from --set field=value (name required).",
        discussion: """
            Calls attribution.v1.Influencers/CreateInfluencer and prints the influencer as stored and when \
            the metrics will reflect its rules (a re-attribution job matches past orders); -o json prints the response.

            Example:
              attrctl influencers create --set name="Alex Rivera" --set discount_codes=ALEX20,ALEX10 \\
                --set utm_patterns='alex_*' --set creator_links=https://instagram.com/alexrivera --set commission_rate_bps=12.5%
            """
    )

    @OptionGroup var fields: InfluencerAssignments
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard try fields.influencer().1.contains("name") else { throw ValidationError("give the name: --set name=NAME") }
    }

    func request() throws -> Attribution_V1_CreateInfluencerRequest {
        try Self.request(fields.assignments)
    }

    /// The request of `--set` `assignments`.
    static func request(_ assignments: [String]) throws -> Attribution_V1_CreateInfluencerRequest {
        var request = Attribution_V1_CreateInfluencerRequest()
        (request.influencer, _) = try InfluencerAssignments.parse(assignments)
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callInfluencers { try await $0.createInfluencer(request, timeout: .seconds(30)) }
        guard format != .json else { return print(try response.jsonString()) }
        print(InfluencerTables.influencer(response.influencer))
        print(response.reattribution.metricsUpdate)
    }
}
