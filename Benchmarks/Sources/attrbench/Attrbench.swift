import ArgumentParser
import Foundation
import Logging
import Protos
import RPCClient
import Synchronization
import TLS

/// A closed-loop load generator: C connections, N calls in flight on each,
/// for a duration after a warm-up; reports QPS and latency percentiles.
/// Today: the unary scenario against the interop service's EmptyCall/UnaryCall.
@main
struct Attrbench: AsyncParsableCommand {
    @Option(help: "attrd port on 127.0.0.1 (started with --enable-interop-service).") var port: Int
    @Option(help: "Dev PKI directory.") var pki = "certs/dev"
    @Option(help: "Connections.") var connections = 1
    @Option(help: "Calls in flight per connection.") var concurrency = 32
    @Option(help: "Request and response payload bytes (0: EmptyCall).") var payload = 0
    @Option(help: "Seconds measured.") var duration = 10.0
    @Option(help: "Seconds of warm-up, not measured.") var warmup = 2.0
    @Option(help: "attrd's pid, to report its CPU seconds per call.") var serverPID: Int?

    func run() async throws {
        let tls = try TLSContext.client(
            serverName: "localhost", trustedCA: "\(pki)/ca.crt",
            certificateChain: "\(pki)/clients/tenant1-ingest.crt", privateKey: "\(pki)/clients/tenant1-ingest.key")
        let logger = Logger(label: "attrbench", factory: { _ in SwiftLogNoOpLogHandler() })
        let clients = (0..<connections).map { _ in
            Arpc_Test_V1_TestServiceClient(RPCClient(
                configuration: RPCClient.Configuration(host: "127.0.0.1", port: port), tls: tls, logger: logger))
        }
        var request = Arpc_Test_V1_SimpleRequest()
        request.responseSize = Int32(payload)
        request.payload.body = Data(count: payload)
        let unary = request

        let clock = ContinuousClock()
        let warmupEnd = clock.now + .seconds(warmup)
        let end = warmupEnd + .seconds(duration)
        let cpuBefore = Box<Double?>(nil)
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for client in clients {
                for _ in 0..<concurrency {
                    group.addTask {
                        var samples: [Duration] = []
                        while clock.now < end {
                            let start = clock.now
                            if payload == 0 {
                                _ = try await client.emptyCall(Arpc_Test_V1_Empty())
                            } else {
                                _ = try await client.unaryCall(unary)
                            }
                            if start >= warmupEnd { samples.append(clock.now - start) }
                        }
                        return samples
                    }
                }
            }
            group.addTask {
                try await clock.sleep(until: warmupEnd)
                cpuBefore.value = serverPID.flatMap(Self.cpuSeconds)
                return []
            }
            return try await group.reduce(into: [Duration]()) { $0.append(contentsOf: $1) }
        }
        let cpuAfter = serverPID.flatMap(Self.cpuSeconds)
        report(latencies.sorted(), cpu: cpuAfter.flatMap { after in cpuBefore.value.map { after - $0 } })
    }

    func report(_ sorted: [Duration], cpu: Double?) {
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let sample = sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            let micros = Double(sample.components.attoseconds) / 1e12 + Double(sample.components.seconds) * 1e6
            return String(format: "%.0f us", micros)
        }
        let qps = Double(sorted.count) / duration
        print("calls \(sorted.count)  qps \(Int(qps))  p50 \(percentile(0.5))  p90 \(percentile(0.9))  p99 \(percentile(0.99))  p99.9 \(percentile(0.999))")
        if let cpu, !sorted.isEmpty {
            print(String(format: "server CPU %.2f s, %.1f us per call", cpu, cpu / Double(sorted.count) * 1e6))
        }
    }

    /// utime + stime of a process, in seconds, from /proc.
    static func cpuSeconds(pid: Int) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

final class Box<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>
    init(_ value: Value) { storage = Mutex(value) }
    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
