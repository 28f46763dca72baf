import ArgumentParser

/// The options every closed-loop scenario shares.
struct LoadOptions: ParsableArguments {
    @Option(help: "Label of the result (e.g. attrd, tls-echo).") var label = "attrd"
    @Option(help: "Connections.") var connections = 1
    @Option(help: "Calls in flight per connection.") var concurrency = 32
    @Option(help: "Seconds measured.") var duration = 10.0
    @Option(help: "Seconds of warm-up before measuring.") var warmup = 2.0
    @Option(help: "The server's pid, for its CPU seconds over the measured window.") var serverPID: Int?
    @Flag(help: "Print a readable line instead of JSON.") var table = false

    func validate() throws {
        guard connections > 0, concurrency > 0 else { throw ValidationError("--connections and --concurrency must be positive") }
        guard duration > 0, warmup >= 0 else { throw ValidationError("--duration must be positive, --warmup not negative") }
    }

    var loop: ClosedLoop {
        ClosedLoop(workers: connections * concurrency, warmup: .seconds(warmup), duration: .seconds(duration), serverPID: serverPID)
    }

    func print(_ result: BenchResult) throws {
        Swift.print(table ? result.line : try result.jsonLine())
        guard result.calls > 0 else { throw BenchFailure("no call succeeded (\(result.errors) failed)") }
    }
}
