import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels alerts get`.
struct PixelsAlertsGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show the accuracy alert configuration (the defaults when never saved).",
        discussion: "Calls attribution.v1.Pixels/GetAlertConfig; -o json prints GetAlertConfigResponse in the protobuf JSON mapping."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (response, format) = try await global.callPixels {
            try await $0.getAlertConfig(Attribution_V1_GetAlertConfigRequest(), timeout: .seconds(30))
        }
        print(format == .json ? try response.jsonString() : AlertConfigTable.render(response.alertConfig))
    }
}
