import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels destinations delete --platform P`.
struct PixelsDestinationsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete one platform's destination and its secret.",
        discussion: """
            Calls attribution.v1.Pixels/DeleteDestination and prints what was deleted. Retries of the \
            platform's events are then not sent until a destination is set again. NOT_FOUND when the \
            platform has none. -o json prints DeleteDestinationResponse in the protobuf JSON mapping.
            """
    )

    @Option(help: "The platform: ga4, meta or tiktok.")
    var platform: String

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_DeleteDestinationRequest {
        var request = Attribution_V1_DeleteDestinationRequest()
        request.platform = try EnumNames.parse(platform, "--platform")
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.deleteDestination(request, timeout: .seconds(30)) }
        print(try Self.render(response, format: format))
    }

    static func render(_ response: Attribution_V1_DeleteDestinationResponse, format: OutputFormat) throws -> String {
        if format == .json { return try response.jsonString() }
        let destination = response.destination
        return "Deleted the \(EnumNames.name(destination.platform)) destination "
            + "\(destination.destinationID) (set \(PixelFormat.time(destination.updateTime, set: destination.hasUpdateTime))) "
            + "and its secret."
    }
}
