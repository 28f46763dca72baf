import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels alerts history [--platform P] [--page-size N] [--page-token T | --all]`.
struct PixelsAlertsHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the accuracy alerts that fired, newest first, with their delivery outcome.",
        discussion: """
            Calls attribution.v1.Pixels/ListAlertEvents. ACCURACY is the accuracy that fired the alert and \
            the threshold it fell below. STATUS is pending (waiting for an attempt), sending, \
            sent or failed (given up); TARGETS lists where the alert goes, DELIVERED how many of them received \
            it; ERROR is the latest failed attempt's error (redacted). A page ends with the --page-token of the \
            next one; --all follows the pages to the end. -o json prints ListAlertEventsResponse in the \
            protobuf JSON mapping (with --all: one response holding every page's alerts).
            """
    )

    @Option(help: "Only this platform: ga4, meta or tiktok.")
    var platform: String?

    @OptionGroup var page: PageOptions

    @Flag(help: "Follow the pages to the last one.")
    var all = false

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_ListAlertEventsRequest {
        var request = Attribution_V1_ListAlertEventsRequest()
        request.platform = try EnumNames.filter(platform, "--platform")
        if all, page.pageToken != nil { throw ValidationError("--all starts at the first page: leave out --page-token") }
        try page.apply(to: &request, all: all)
        return request
    }

    func run() async throws {
        let request = try request()
        let all = all
        let (response, format) = try await global.callPixels { client in
            try await Self.list(request, all: all) { try await client.listAlertEvents($0, timeout: .seconds(30)) }
        }
        print(try Self.render(response, format: format, width: format.tableWidth))
    }

    /// The first page, or with `all` every page from it merged into one response (next_page_token
    /// empty). A token that repeats ends the loop.
    static func list(
        _ request: Attribution_V1_ListAlertEventsRequest, all: Bool,
        page: (Attribution_V1_ListAlertEventsRequest) async throws -> Attribution_V1_ListAlertEventsResponse
    ) async throws -> Attribution_V1_ListAlertEventsResponse {
        try await PagedCall.collect(request, all: all, count: \.alertEvents.count, merge: { response, more in
            response.alertEvents += more.alertEvents
        }, page: page)
    }

    /// The table is narrowed to `width` (the sent time, delivered count and channel left out, targets
    /// and errors clipped) unless it is nil.
    static func render(_ response: Attribution_V1_ListAlertEventsResponse, format: OutputFormat, width: Int? = nil) throws -> String {
        if format == .json { return try response.jsonString() }
        guard !response.alertEvents.isEmpty else { return "No alerts fired." }
        let table = TableRenderer(
            header: ["fired", "platform", "accuracy", "channel", "targets", "delivered", "status", "attempts", "sent", "error"],
            rows: response.alertEvents.map { alert in
                [
                    PixelFormat.time(alert.createTime, set: alert.hasCreateTime),
                    EnumNames.name(alert.platform),
                    "\(PixelFormat.percent(alert.accuracyPercent)) < \(alert.thresholdPercent)%",
                    EnumNames.name(alert.channel, EnumNames.channels),
                    PixelFormat.orDash(alert.targets.joined(separator: ",")),
                    "\(alert.deliveredTargets.count)/\(alert.targets.count)",
                    EnumNames.name(alert.deliveryStatus),
                    "\(alert.attempts)",
                    PixelFormat.time(alert.sentTime, set: alert.hasSentTime),
                    PixelFormat.error(alert.lastError, format: format),
                ]
            },
            fit: TableRenderer.Fit(droppable: [8, 5, 3], clippable: [4, 9]))
        var text = table.render(width: width)
        if !response.nextPageToken.isEmpty { text += "\n\nNext page: --page-token \(response.nextPageToken) (or --all)." }
        return text
    }
}
