import Histogram

/// What a closed loop counted in its measured window.
struct Tally: Sendable {
    /// Call latencies in nanoseconds (1 ns to 100 s, 3 significant digits).
    var latency = Histogram<UInt64>(highestTrackableValue: 100_000_000_000, numberOfSignificantValueDigits: .three)
    var calls = 0
    var errors = 0
    var messages = 0
    var firstError: String?
    var serverCPU: Double?

    mutating func record(_ elapsed: Duration, messages: Int) {
        let (seconds, attoseconds) = elapsed.components
        let nanos = UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
        _ = latency.record(min(nanos, latency.highestTrackableValue))
        calls += 1
        self.messages += messages
    }

    mutating func fail(_ error: any Error) {
        errors += 1
        if firstError == nil { firstError = "\(error)" }
    }

    mutating func merge(_ other: Tally) {
        latency.add(other.latency)
        calls += other.calls
        errors += other.errors
        messages += other.messages
        firstError = firstError ?? other.firstError
        serverCPU = serverCPU ?? other.serverCPU
    }

    /// The latency at `percentile` (0-100), in microseconds.
    func micros(at percentile: Double) -> Double {
        latency.totalCount == 0 ? 0 : Double(latency.valueAtPercentile(percentile)) / 1000
    }
}
