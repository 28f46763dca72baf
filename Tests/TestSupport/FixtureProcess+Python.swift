extension FixtureProcess {
    /// Starts a Python fixture script with `python3` from PATH and waits for
    /// its readiness line (`READY <port> ...`); returns the line's fields.
    public static func python(
        _ scriptPath: String, _ arguments: [String] = [], environment: [String: String] = [:], readyPrefix: String = "READY"
    ) async throws -> (FixtureProcess, [String]) {
        let (process, line) = try await start(
            "/usr/bin/env", ["python3", scriptPath] + arguments, environment: environment, readyPrefix: readyPrefix)
        return (process, line.split(separator: " ").map(String.init))
    }

    /// The port of a `READY <port>` line's fields.
    public static func port(_ fields: [String]) throws -> Int {
        guard fields.count > 1, let port = Int(fields[1]) else {
            throw Failed(description: "no port in '\(fields.joined(separator: " "))'")
        }
        return port
    }
}
