public import Foundation

/// The Python fakes of Fakes/Scripts, found from this file's place in the
/// source tree (`#filePath`): tests run them from there, they are not bundled.
public enum FakeScripts {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    public static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Starts `name` with `python3` and waits for its `READY <port> …` line.
    public static func python(
        _ name: String, _ arguments: [String] = [], environment: [String: String] = [:]
    ) async throws -> (FixtureProcess, [String]) {
        try await FixtureProcess.python(path(name), arguments, environment: environment)
    }
}
