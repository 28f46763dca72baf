import Foundation
public import NIOCore
import NIOPosix

/// One HTTP/1.1 request over a fresh TCP connection to 127.0.0.1, read until
/// the server closes it: enough to test a small plain-HTTP endpoint exactly
/// as a scraper or curl would reach it.
public enum PlainHTTP {
    public struct Response: Sendable {
        public let status: Int
        /// Header names lowercased.
        public let headers: [String: String]
        public let body: String
    }

    public static func request(_ method: String, _ path: String, port: Int) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let raw = try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"))
            var received = ByteBuffer()
            for try await var part in inbound { received.writeBuffer(&part) }
            return String(buffer: received)
        }
        return try parse(raw)
    }

    /// A connection that sends nothing (a stuck client); the caller closes it.
    public static func connectIdle(port: Int) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
    }

    struct MalformedResponse: Error, CustomStringConvertible {
        let text: String
        var description: String { "not an HTTP response: \(text.prefix(200))" }
    }

    static func parse(_ raw: String) throws -> Response {
        guard let split = raw.range(of: "\r\n\r\n") else { throw MalformedResponse(text: raw) }
        let lines = raw[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw MalformedResponse(text: raw) }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw MalformedResponse(text: raw) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(raw[split.upperBound...]))
    }
}
