import ArgumentParser
import Foundation
import Protos
import RPCClient

/// `attrctl pixels tail [filters]`: prints the tenant's pixel events as attrd stores them, until Ctrl-C.
struct PixelsTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print pixel events as they are stored, until Ctrl-C.",
        discussion: """
            Streams attribution.v1.Pixels/StreamEvents: only events stored after the command starts (use \
            ListEvents for earlier ones). One line per event under a header, with the event time first as in \
            `pixels events` (and the same filters), or with -o json one JSON object per line (the protobuf \
            JSON mapping of PixelEventRecord), no header. When attrd ends the stream (its buffer for this \
            stream filled because output was too slow, or it shut down) the reason is printed and attrctl exits 1.
            """
    )

    @OptionGroup var filters: PixelEventFilterOptions
    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try filters.streamRequest() }

    func run() async throws {
        let settings = try global.resolve(environment: ProcessInfo.processInfo.environment)
        let request = try filters.streamRequest()
        let format = settings.output.value
        let client = try settings.makeClient()
        if format != .json { FileHandle.standardOutput.write(Data((PixelEventLine.header + "\n").utf8)) }
        let result = await Result {
            try await Attribution_V1_PixelsClient(client).streamEvents(request) { responses in
                for try await response in responses {
                    // Unbuffered, so each event shows at once even through a pipe.
                    let line = try PixelEventLine.render(response.event, format: format) + "\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            }
        }
        await client.close()
        try result.get()
    }
}
