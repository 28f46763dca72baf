import Foundation

/// One closed-loop result. The JSON keys are shared with the C++ gRPC client
/// (Benchmarks/Peers/grpc-cpp/grpcbench.cc) and read by scripts/bench-report.py.
struct BenchResult: Codable, Sendable {
    struct Latency: Codable, Sendable {
        var p50: Double
        var p90: Double
        var p99: Double
        var p999: Double
    }

    var label: String
    var scenario: String
    var connections: Int
    var concurrency: Int
    var payloadBytes: Int
    /// Records per call (ingest only).
    var batchSize: Int?
    var durationS: Double
    var calls: Int
    var errors: Int
    var messages: Int
    var qps: Double
    var messagesPerS: Double
    var mbPerS: Double
    /// Per call, in microseconds.
    var latencyUs: Latency
    var serverCpuS: Double?
    /// Server CPU per message (per call for unary), in microseconds.
    var serverCpuUsPerCall: Double?
    var firstError: String?

    init(label: String, scenario: String, options: LoadOptions, payloadBytes: Int, batchSize: Int? = nil, tally: Tally) {
        self.label = label
        self.scenario = scenario
        self.connections = options.connections
        self.concurrency = options.concurrency
        self.payloadBytes = payloadBytes
        self.batchSize = batchSize
        self.durationS = options.duration
        self.calls = tally.calls
        self.errors = tally.errors
        self.messages = tally.messages
        self.qps = Double(tally.calls) / options.duration
        self.messagesPerS = Double(tally.messages) / options.duration
        self.mbPerS = Double(tally.messages * payloadBytes) / 1e6 / options.duration
        self.latencyUs = Latency(
            p50: tally.micros(at: 50), p90: tally.micros(at: 90), p99: tally.micros(at: 99), p999: tally.micros(at: 99.9))
        self.serverCpuS = tally.serverCPU
        self.serverCpuUsPerCall = tally.serverCPU.flatMap { tally.messages > 0 ? $0 / Double(tally.messages) * 1e6 : nil }
        self.firstError = tally.firstError
    }

    /// One readable line.
    var line: String {
        var text = String(
            format: "%@ %@: %d calls, %.0f/s, %.0f msg/s, p50 %.0f us, p99 %.0f us, p99.9 %.0f us",
            label, scenario, calls, qps, messagesPerS, latencyUs.p50, latencyUs.p99, latencyUs.p999)
        if let serverCpuUsPerCall { text += String(format: ", server CPU %.1f us/msg", serverCpuUsPerCall) }
        if errors > 0 { text += ", \(errors) errors (\(firstError ?? "?"))" }
        return text
    }
}
