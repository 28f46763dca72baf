import Foundation

/// A closed loop: `workers` tasks each make one call at a time, back to back,
/// through a warm-up and then a measured window. A call counts in the window
/// when it completes inside it; latency is the call's whole duration.
struct ClosedLoop: Sendable {
    var workers: Int
    var warmup: Duration
    var duration: Duration
    /// The server process whose CPU time is read at the window's edges.
    var serverPID: Int?

    /// Runs `call(worker)` in every worker until the window ends. `call`
    /// returns how many messages it received (1 for a unary call). Worker
    /// `w` runs on `executors[w % executors.count]` when there are any (the
    /// event loop of its connection, to spare a thread hop per call).
    func run(
        executors: [any TaskExecutor] = [], _ call: @escaping @Sendable (_ worker: Int) async throws -> Int
    ) async -> Tally {
        let clock = ContinuousClock()
        let start = clock.now + warmup
        let end = start + duration
        // Calls carry no deadline (as in the gRPC client): a call that never
        // ends would hold the loop, so the whole run has one instead.
        let watchdog = Task.detached {
            try await clock.sleep(until: end + .seconds(60))
            FileHandle.standardError.write(Data("attrbench: calls still running 60 s after the window closed\n".utf8))
            exit(2)
        }
        defer { watchdog.cancel() }
        return await withTaskGroup(of: Tally.self) { group in
            for worker in 0..<workers {
                group.addTask(executorPreference: executors.isEmpty ? nil : executors[worker % executors.count]) {
                    var tally = Tally()
                    while clock.now < end {
                        let began = clock.now
                        do {
                            let messages = try await call(worker)
                            let done = clock.now
                            if done >= start, done < end { tally.record(done - began, messages: messages) }
                        } catch {
                            let done = clock.now
                            if done >= start, done < end { tally.fail(error) }
                        }
                    }
                    return tally
                }
            }
            if let pid = serverPID {
                group.addTask {
                    var tally = Tally()
                    try? await clock.sleep(until: start)
                    let before = ProcessStats.cpuSeconds(pid: pid)
                    try? await clock.sleep(until: end)
                    let after = ProcessStats.cpuSeconds(pid: pid)
                    if let before, let after { tally.serverCPU = after - before }
                    return tally
                }
            }
            return await group.reduce(into: Tally()) { $0.merge($1) }
        }
    }
}
