import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl pixels retry ID...`: delivers failed (or pending) events again; exits 1 when any is not delivered.
struct PixelsRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Deliver events to their platforms again; exits 1 unless every event is delivered.",
        discussion: """
            Calls attribution.v1.Pixels/RetryEvents with the events' ids (the ID column of `attrctl pixels \
            failures` or `events`, not the sender's event id), 1 to 100 distinct. An event already delivered \
            is not sent again (already_delivered). The call's deadline is --timeout: attrd fits its attempts \
            into it (each at most 15 s, 8 at a time) and reports events it had no time for as not_attempted; \
            an event another retry is sending at the same moment is in_progress. Prints one outcome per id; \
            -o json prints RetryEventsResponse in the protobuf JSON mapping.
            """
    )

    static let timeouts = 5...600

    @Argument(help: "Event ids (UUIDs), 1 to 100.")
    var ids: [String] = []

    @Option(
        parsing: .unconditional,
        help: "Seconds attrd may take for the whole call, \(timeouts.lowerBound) to \(timeouts.upperBound).")
    var timeout: Int = 120

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_RetryEventsRequest {
        guard Self.timeouts.contains(timeout) else {
            throw ValidationError("--timeout must be \(Self.timeouts.lowerBound) to \(Self.timeouts.upperBound) seconds")
        }
        guard (1...100).contains(ids.count) else { throw ValidationError("give 1 to 100 event ids (got \(ids.count))") }
        var seen: Set<String> = []
        for id in ids {
            guard UUID(uuidString: id) != nil else { throw ValidationError("'\(id)' is not an event id (a UUID)") }
            guard seen.insert(id.lowercased()).inserted else { throw ValidationError("'\(id)' is given twice") }
        }
        var request = Attribution_V1_RetryEventsRequest()
        request.ids = ids
        return request
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.retryEvents(request, timeout: .seconds(timeout)) }
        print(try Self.render(response, format: format))
        if Self.anyNotDelivered(response) { throw ExitCode.failure }
    }

    /// Whether any id is not delivered now (failed again, not found, not
    /// attempted, in progress elsewhere, not recorded): the command then exits 1.
    static func anyNotDelivered(_ response: Attribution_V1_RetryEventsResponse) -> Bool {
        response.results.contains { $0.outcome != .delivered && $0.outcome != .alreadyDelivered }
    }

    static func render(_ response: Attribution_V1_RetryEventsResponse, format: OutputFormat) throws -> String {
        if format == .json { return try response.jsonString() }
        return TableRenderer(
            header: ["id", "outcome", "attempts", "error type", "error"],
            rows: response.results.map { result in
                [
                    result.id,
                    EnumNames.name(result.outcome),
                    "\(result.attempts)",
                    result.errorType == .unspecified ? "-" : EnumNames.name(result.errorType),
                    PixelFormat.clip(result.errorMessage),
                ]
            }
        ).render()
    }
}
