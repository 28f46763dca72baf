import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels destinations list`.
struct PixelsDestinationsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the configured destinations (secrets are never shown).",
        discussion: "Calls attribution.v1.Pixels/ListDestinations; -o json prints ListDestinationsResponse in the protobuf JSON mapping."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (response, format) = try await global.callPixels {
            try await $0.listDestinations(Attribution_V1_ListDestinationsRequest(), timeout: .seconds(30))
        }
        print(format == .json ? try response.jsonString() : Self.render(response.destinations))
    }

    static func render(_ destinations: [Attribution_V1_PixelDestination]) -> String {
        guard !destinations.isEmpty else { return "No destinations: retries are not sent until one is set (attrctl pixels destinations set)." }
        return TableRenderer(
            header: ["platform", "destination id", "secret", "updated"],
            rows: destinations.map { destination in
                [
                    EnumNames.name(destination.platform),
                    destination.destinationID,
                    destination.secretSet ? "set" : "missing",
                    PixelFormat.time(destination.updateTime, set: destination.hasUpdateTime),
                ]
            }
        ).render()
    }
}
