import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels events [filters] [--page-size N] [--page-token T | --all]`: the stored event log, newest first.
struct PixelsEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List stored pixel events, newest first, filtered and paginated.",
        discussion: """
            Calls attribution.v1.Pixels/ListEvents. The filters search every stored event (events are kept \
            until deleted). A page ends with the --page-token of the next one; --all follows the pages to the \
            end, at most \(allLimit) events (then it prints the token to go on from). -o json prints ListEventsResponse in the protobuf JSON \
            mapping (with --all: one response holding every page's events). The table fits the terminal \
            (COLUMNS, else the terminal's width, else 100): ids are shortened to their first 8 characters and \
            columns left out or clipped as needed; -o wide shows every column and whole ids, which is what \
            `attrctl pixels retry` takes.
            """
    )

    @OptionGroup var filters: PixelEventFilterOptions

    @Option(help: "Only events with event time at or after this (RFC 3339, e.g. 2026-03-10T00:00:00Z).")
    var since: String?

    @Option(help: "Only events with event time before this (RFC 3339).")
    var until: String?

    @OptionGroup var page: PageOptions

    @Flag(help: "Follow the pages to the last one (at most \(allLimit) events).")
    var all = false

    @OptionGroup var global: GlobalOptions

    /// The most events --all gathers into one response.
    static let allLimit = 10_000

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    /// The request of the first page; a bad value is a ValidationError naming its flag.
    func request() throws(ValidationError) -> Attribution_V1_ListEventsRequest {
        var request = Attribution_V1_ListEventsRequest()
        try filters.apply(to: &request)
        if let since { request.startTime = try RFC3339.timestamp(since, "--since") }
        if let until { request.endTime = try RFC3339.timestamp(until, "--until") }
        if request.hasStartTime, request.hasEndTime, request.endTime.date <= request.startTime.date {
            throw ValidationError("--until must be after --since")
        }
        try page.apply(to: &request, all: all)
        return request
    }

    func run() async throws {
        let request = try request()
        let all = all
        let (response, format) = try await global.callPixels { client in
            try await Self.list(request, all: all) { try await client.listEvents($0, timeout: .seconds(30)) }
        }
        print(try Self.render(response, format: format, width: format.tableWidth))
    }

    /// The first page, or with `all` every page from it merged into one response (next_page_token empty).
    /// Bounded: it stops after `allLimit` events (leaving the next token), and a token that repeats ends the loop.
    static func list(
        _ request: Attribution_V1_ListEventsRequest, all: Bool,
        page: (Attribution_V1_ListEventsRequest) async throws -> Attribution_V1_ListEventsResponse
    ) async throws -> Attribution_V1_ListEventsResponse {
        try await PagedCall.collect(request, all: all, limit: allLimit, count: \.events.count, merge: { response, more in
            response.events += more.events
            response.totalSize = more.totalSize
            response.totalSizeIsLowerBound = more.totalSizeIsLowerBound
        }, page: page)
    }

    /// The table is narrowed to `width` (ids shortened, the event id left
    /// out, order ids and errors clipped) unless it is nil; -o wide shows every column whole.
    static func render(_ response: Attribution_V1_ListEventsResponse, format: OutputFormat, width: Int? = nil) throws -> String {
        if format == .json { return try response.jsonString() }
        let table = TableRenderer(
            header: ["time", "platform", "type", "id", "event id", "order id", "match", "delivery", "error"],
            rows: response.events.map { event in
                [
                    PixelFormat.time(event.eventTime, set: event.hasEventTime),
                    EnumNames.name(event.platform),
                    EnumNames.name(event.eventType),
                    event.id,
                    PixelFormat.orDash(event.eventID),
                    PixelFormat.orDash(event.orderID),
                    EnumNames.name(event.matchStatus),
                    EnumNames.name(event.deliveryStatus),
                    PixelFormat.error(event.errorMessage, format: format),
                ]
            },
            fit: TableRenderer.Fit(ids: [3], droppable: [4], clippable: [4, 5, 8]))
        var text = response.events.isEmpty ? "No events." : table.render(width: width)
        let matching = response.totalSizeIsLowerBound ? "more than \(response.totalSize)" : "\(response.totalSize)"
        text += "\n\n\(response.events.count) shown of \(matching) matching."
        if !response.nextPageToken.isEmpty {
            text += " Next page: --page-token \(response.nextPageToken) (or --all)."
        }
        return text
    }
}
