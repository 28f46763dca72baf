import Foundation

/// Times a closure in a loop for a fixed wall-clock budget, in batches so the
/// clock is read rarely. The closure returns a value the loop consumes, so
/// the optimiser cannot drop the work.
struct Microbench {
    struct Result: Codable {
        var scenario = "micro"
        var name: String
        var iterations: Int
        var nsPerOp: Double
        var mbPerS: Double

        var line: String { name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: " %10.1f ns/op %10.1f MB/s", nsPerOp, mbPerS) }
    }

    var seconds: Double

    /// `operations` is how many operations one call of `body` performs
    /// (e.g. frames decoded); `bytes` the payload bytes per operation.
    func measure(_ name: String, bytes: Int, operations: Int = 1, _ body: () throws -> Int) rethrows -> Result {
        let clock = ContinuousClock()
        var sink = 0
        for _ in 0..<1000 { sink &+= try body() }  // warm-up
        var calls = 0
        var batch = 64
        let start = clock.now
        let budget = Duration.seconds(seconds)
        while clock.now - start < budget {
            for _ in 0..<batch { sink &+= try body() }
            calls += batch
            batch = min(batch * 2, 65_536)
        }
        let elapsed = clock.now - start
        let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        let ops = calls * operations
        if sink == 42 { print("") }  // keeps `sink` alive
        return Result(name: name, iterations: ops, nsPerOp: nanos / Double(ops), mbPerS: Double(ops * bytes) / 1e6 / (nanos / 1e9))
    }
}
