import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels failures [--platform P] [--error-type T] [--page-size N] [--page-token T]`.
struct PixelsFailuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failures",
        abstract: "List events whose delivery failed, most recent attempt first.",
        discussion: """
            Calls attribution.v1.Pixels/ListFailures. Retry with `attrctl pixels retry ID...` (the ID column \
            of -o wide: the table fits the terminal, COLUMNS, else the terminal's width, else 100, so it \
            shortens ids to their first 8 characters and leaves out or clips columns as needed). -o json \
            prints ListFailuresResponse in the protobuf JSON mapping.
            """
    )

    @Option(help: "Only this platform: ga4, meta or tiktok.")
    var platform: String?

    @Option(help: "Only this error type: reported, authentication, invalid_event, rate_limited, platform_error or network.")
    var errorType: String?

    @OptionGroup var page: PageOptions

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_ListFailuresRequest {
        var request = Attribution_V1_ListFailuresRequest()
        request.platform = try EnumNames.filter(platform, "--platform")
        request.errorType = try EnumNames.filter(errorType, "--error-type")
        try page.apply(to: &request)
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.listFailures(request, timeout: .seconds(30)) }
        print(try Self.render(response, format: format, width: format.tableWidth))
    }

    /// The table is narrowed to `width` (ids shortened, the event type left
    /// out, order ids and errors clipped) unless it is nil; -o wide shows every column whole.
    static func render(_ response: Attribution_V1_ListFailuresResponse, format: OutputFormat, width: Int? = nil) throws -> String {
        if format == .json { return try response.jsonString() }
        let table = TableRenderer(
            header: ["last attempt", "platform", "type", "id", "order id", "error type", "attempts", "error"],
            rows: response.failures.map { failure in
                [
                    PixelFormat.time(failure.lastAttemptTime, set: failure.hasLastAttemptTime),
                    EnumNames.name(failure.event.platform),
                    EnumNames.name(failure.event.eventType),
                    failure.event.id,
                    PixelFormat.orDash(failure.event.orderID),
                    EnumNames.name(failure.errorType),
                    "\(failure.attempts)",
                    PixelFormat.error(failure.errorMessage, format: format),
                ]
            },
            fit: TableRenderer.Fit(ids: [3], droppable: [2], clippable: [4, 7]))
        var text = response.failures.isEmpty ? "No failed events." : table.render(width: width)
        if !response.nextPageToken.isEmpty { text += "\n\nNext page: --page-token \(response.nextPageToken)" }
        return text
    }
}
