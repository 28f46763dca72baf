import TestSupport
import Integrations
import Logging

/// Runs `body` with a fresh executor, shut down afterwards whether the body threw or not.
func withExecutor<Result>(_ body: (CurlExecutor) async throws -> Result) async throws -> Result {
    let executor = CurlExecutor(threads: 2)
    do {
        let result = try await body(executor)
        try await executor.shutdown()
        return result
    } catch {
        try? await executor.shutdown()
        throw error
    }
}

/// Runs `body` with a fixture process that is stopped afterwards, even when the body throws.
func withFixture<Result>(
    _ start: () async throws -> (FixtureProcess, [String]), _ body: (FixtureProcess, [String]) async throws -> Result
) async throws -> Result {
    let (process, fields) = try await start()
    defer { process.stop() }
    return try await body(process, fields)
}
