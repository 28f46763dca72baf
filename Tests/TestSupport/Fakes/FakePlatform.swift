import Foundation

/// Fakes/Scripts/fake_platform.py: the platforms' event endpoints, failing each
/// endpoint's first request with HTTP 500, or, by the destination id,
/// holding requests until released ("HOLD"), echoing the secret in an error
/// ("ECHO") or accepting at once ("OK").
public struct FakePlatform: Sendable {
    public struct Request: Sendable {
        public var path: String
        public var accessToken: String?
        public var body: String
    }

    public let process: FixtureProcess
    public let port: Int

    public var base: String { "http://127.0.0.1:\(port)" }

    public static func with<Result>(_ body: (FakePlatform) async throws -> Result) async throws -> Result {
        let (process, fields) = try await FakeScripts.python("fake_platform.py")
        defer { process.stop() }
        return try await body(FakePlatform(process: process, port: try FixtureProcess.port(fields)))
    }

    /// Lets every held request (destination ids with "HOLD") be answered, now and later.
    public func release() throws {
        try process.send(line: "RELEASE")
    }

    /// Waits until `count` requests have arrived in all, and returns them.
    public func requests(count: Int) async throws -> [Request] {
        while true {
            let indexes = process.output.indices.filter { process.output[$0].hasPrefix("REQUEST ") }
            if indexes.count >= count { break }
            _ = try await process.waitForLine(prefix: "REQUEST ", after: (indexes.last ?? -1) + 1)
        }
        return process.output.filter { $0.hasPrefix("REQUEST ") }.map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let body = Data(base64Encoded: fields.count > 4 ? fields[4] : "").map { String(decoding: $0, as: UTF8.self) } ?? ""
            return Request(path: fields[2], accessToken: fields[3] == "-" ? nil : fields[3], body: body)
        }
    }
}
