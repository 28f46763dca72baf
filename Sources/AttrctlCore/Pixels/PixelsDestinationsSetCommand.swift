import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `attrctl pixels destinations set --platform P --id ID --secret-file F|-`.
struct PixelsDestinationsSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set (replace) one platform's destination and secret.",
        discussion: """
            Calls attribution.v1.Pixels/SetDestination. The id is Meta's pixel (dataset) id, TikTok's pixel \
            code or GA4's measurement id (G-...). The secret (Meta or TikTok access token, GA4 Measurement \
            Protocol API secret) is read from a file, or from standard input with --secret-file -, so that it \
            never appears in shell history or the process list; surrounding whitespace and the final newline \
            are dropped. attrd seals it at rest and never returns it.
            """
    )

    @Option(help: "The platform: ga4, meta or tiktok.")
    var platform: String

    @Option(help: "The pixel id, pixel code or measurement id.")
    var id: String

    @Option(help: ArgumentHelp("A file holding the secret, or - for standard input.", valueName: "file"))
    var secretFile: String

    @OptionGroup var global: GlobalOptions

    /// The flags alone (the secret is read only when the command runs).
    func validate() throws {
        _ = try EnumNames.parse(platform, "--platform") as Attribution_V1_PixelPlatform
        guard !id.isEmpty else { throw ValidationError("--id must not be empty") }
    }

    /// The request, with the secret read by `read` (the file's contents; standard input for "-").
    func request(read: (String) throws -> Data = PixelsDestinationsSetCommand.read) throws -> Attribution_V1_SetDestinationRequest {
        var destination = Attribution_V1_PixelDestination()
        destination.platform = try EnumNames.parse(platform, "--platform")
        guard !id.isEmpty else { throw ValidationError("--id must not be empty") }
        destination.destinationID = id
        let data: Data
        do { data = try read(secretFile) } catch { throw ValidationError("--secret-file: cannot read \(secretFile)") }
        guard data.count <= 4096, let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("--secret-file: \(secretFile) does not hold a secret (UTF-8, at most 1000 characters)")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...1000).contains(secret.count) else {
            throw ValidationError("--secret-file: the secret must be 1 to 1000 characters (found \(secret.count))")
        }
        destination.secret = secret
        var request = Attribution_V1_SetDestinationRequest()
        request.destination = destination
        return request
    }

    static func read(_ path: String) throws -> Data {
        if path == "-" { return try FileHandle.standardInput.readToEnd() ?? Data() }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.setDestination(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : PixelsDestinationsListCommand.render([response.destination]))
    }
}
