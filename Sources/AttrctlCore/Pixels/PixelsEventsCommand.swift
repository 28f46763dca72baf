import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels events [filters] [--page-size N] [--page-token T | --all]`: the stored event log, newest first.
struct PixelsEventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List stored pixel events, newest first, filtered and paginated.",
        discussion: """
            Calls attribution.v1.Pixels/ListEvents. Only the tenant's newest 1000 events are reachable; the \
            filters select from those. A page ends with the --page-token of the next one; --all follows the \
            pages to the end (at most 1000 events). -o json prints ListEventsResponse in the protobuf JSON \
            mapping (with --all: one response holding every page's events). The ID column is what \
            `attrctl pixels retry` takes.
            """
    )

    @Option(help: "Only this platform: ga4, meta or tiktok.")
    var platform: String?

    @Option(name: [.customLong("type"), .customLong("event-type")], help: "Only this event type: purchase, add_to_cart, page_view or checkout.")
    var eventType: String?

    @Option(name: [.customLong("match"), .customLong("match-status")], help: "Only this match status: matched, partial or unmatched.")
    var matchStatus: String?

    @Option(name: [.customLong("delivery"), .customLong("delivery-status")], help: "Only this delivery status: delivered, failed or pending.")
    var deliveryStatus: String?

    @Option(help: "Only events with event time at or after this (RFC 3339, e.g. 2026-03-10T00:00:00Z).")
    var since: String?

    @Option(help: "Only events with event time before this (RFC 3339).")
    var until: String?

    @Option(name: [.customLong("order"), .customLong("order-id-prefix")], help: "Only events whose order id starts with this.")
    var orderIdPrefix: String?

    @Option(parsing: .unconditional, help: "Events per page, 1 to 200 (default 50; 200 with --all).")
    var pageSize: Int?

    @Option(help: "Start at this page (the token printed under the previous one).")
    var pageToken: String?

    @Flag(help: "Follow the pages to the last one (at most the 1000 reachable events).")
    var all = false

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    /// The request of the first page; a bad value is a ValidationError naming its flag.
    func request() throws(ValidationError) -> Attribution_V1_ListEventsRequest {
        var request = Attribution_V1_ListEventsRequest()
        request.platform = try PixelNames.filter(platform, "--platform", PixelNames.platforms)
        request.eventType = try PixelNames.filter(eventType, "--type", PixelNames.eventTypes)
        request.matchStatus = try PixelNames.filter(matchStatus, "--match", PixelNames.matchStatuses)
        request.deliveryStatus = try PixelNames.filter(deliveryStatus, "--delivery", PixelNames.deliveryStatuses)
        if let since { request.startTime = try RFC3339.timestamp(since, "--since") }
        if let until { request.endTime = try RFC3339.timestamp(until, "--until") }
        if request.hasStartTime, request.hasEndTime, request.endTime.date <= request.startTime.date {
            throw ValidationError("--until must be after --since")
        }
        request.orderIDPrefix = orderIdPrefix ?? ""
        if let pageSize {
            guard (1...200).contains(pageSize) else { throw ValidationError("--page-size must be 1 to 200") }
            request.pageSize = Int32(pageSize)
        } else if all {
            request.pageSize = 200
        }
        request.pageToken = pageToken ?? ""
        return request
    }

    func run() async throws {
        let request = try request()
        let all = all
        let (response, format) = try await global.callPixels { client in
            try await Self.list(request, all: all) { try await client.listEvents($0, timeout: .seconds(30)) }
        }
        print(try Self.render(response, format: format))
    }

    /// The first page, or with `all` every page from it merged into one response (next_page_token empty).
    /// Bounded: the server serves at most 1000 events, and a token that repeats ends the loop.
    static func list(
        _ request: Attribution_V1_ListEventsRequest, all: Bool,
        page: (Attribution_V1_ListEventsRequest) async throws -> Attribution_V1_ListEventsResponse
    ) async throws -> Attribution_V1_ListEventsResponse {
        var response = try await page(request)
        guard all else { return response }
        var next = request
        var seen: Set<String> = []
        while !response.nextPageToken.isEmpty, response.events.count < 1000, seen.insert(response.nextPageToken).inserted {
            next.pageToken = response.nextPageToken
            let more = try await page(next)
            response.events += more.events
            response.nextPageToken = more.nextPageToken
            response.totalSize = more.totalSize
        }
        return response
    }

    static func render(_ response: Attribution_V1_ListEventsResponse, format: OutputFormat) throws -> String {
        if format == .json { return try response.jsonString() }
        let table = TableRenderer(
            header: ["time", "platform", "type", "id", "event id", "order id", "match", "delivery", "error"],
            rows: response.events.map { event in
                [
                    PixelFormat.time(event.eventTime, set: event.hasEventTime),
                    PixelNames.name(event.platform, PixelNames.platforms),
                    PixelNames.name(event.eventType, PixelNames.eventTypes),
                    event.id,
                    PixelFormat.orDash(event.eventID),
                    PixelFormat.orDash(event.orderID),
                    PixelNames.name(event.matchStatus, PixelNames.matchStatuses),
                    PixelNames.name(event.deliveryStatus, PixelNames.deliveryStatuses),
                    PixelFormat.clip(event.errorMessage),
                ]
            })
        var text = response.events.isEmpty ? "No events." : table.render()
        text += "\n\n\(response.events.count) shown of \(response.totalSize) matching."
        if !response.nextPageToken.isEmpty {
            text += " Next page: --page-token \(response.nextPageToken) (or --all)."
        }
        return text
    }
}
