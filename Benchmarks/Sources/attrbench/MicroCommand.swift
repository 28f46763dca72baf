import ArgumentParser
import Foundation
import NIOCore
import Protos
import Secrets
import Wire

/// Microbenchmarks of the hot paths: frame encoding and decoding, write
/// batching, protobuf message (de)serialisation through `RPCMessage`, and
/// AES-256-GCM secret envelopes. One JSON object per line (or a table).
struct MicroCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "micro", abstract: "Microbenchmarks of the hot paths.")

    @Option(help: "Seconds per benchmark.") var seconds = 1.0
    @Flag(help: "Print a readable table instead of JSON lines.") var table = false

    func run() throws {
        let bench = Microbench(seconds: seconds)
        var results: [Microbench.Result] = []
        for size in [32, 4096] {
            let payload = ByteBuffer(repeating: 0x61, count: size)
            results.append(bench.measure("frame encode, \(size) B message", bytes: size) {
                var out = ByteBuffer()
                out.reserveCapacity(size + 16)
                Frame.message(streamID: 1, payload, flags: []).encode(into: &out)
                return out.readableBytes
            })
            var wire = ByteBuffer()
            for stream in 0..<64 { Frame.message(streamID: UInt32(stream * 2 + 1), payload, flags: []).encode(into: &wire) }
            let frames = wire
            results.append(try bench.measure("frame decode, \(size) B message", bytes: size, operations: 64) {
                var decoder = FrameDecoder(expectsPreface: false)
                var input = frames
                var count = 0
                while case .some = try decoder.decode(buffer: &input) { count += 1 }
                return count
            })
            results.append(bench.measure("batch 32 frames, \(size) B each", bytes: size, operations: 32) {
                var batch = FrameBatch()
                for stream in 0..<32 { batch.append(.message(streamID: UInt32(stream * 2 + 1), payload, flags: [])) }
                return batch.take()?.readableBytes ?? 0
            })
            var request = Arpc_Test_V1_SimpleRequest()
            request.responseSize = Int32(size)
            request.payload.body = Data(count: size)
            let message = request
            results.append(try bench.measure("protobuf serialize, \(size) B payload", bytes: size) {
                var out = ByteBuffer()
                try message.serialize(into: &out)
                return out.readableBytes
            })
            var encoded = ByteBuffer()
            try message.serialize(into: &encoded)
            let serialized = encoded
            results.append(try bench.measure("protobuf parse, \(size) B payload", bytes: size) {
                try Arpc_Test_V1_SimpleRequest(serializedBuffer: serialized).payload.body.count
            })
        }
        let box = SecretBox(keyring: try Keyring([try MasterKey.generate(id: "bench")]))
        let context = SecretContext(tenantID: UUID(), table: "bench", rowID: UUID(), column: "secret")
        let secret = [UInt8](repeating: 0x42, count: 1024)
        let sealed = try box.seal(secret, for: context)
        results.append(try bench.measure("AES-256-GCM seal, 1 KiB", bytes: 1024) { try box.seal(secret, for: context).count })
        results.append(try bench.measure("AES-256-GCM open, 1 KiB", bytes: 1024) { try box.open(sealed, for: context).count })

        for result in results { print(table ? result.line : try result.jsonLine()) }
    }
}
