import NIOCore
import RPCServer
import ServiceLifecycle

/// The RPC server as a member of attrd's service group: it waits for every
/// module's "before serving" step, then serves, and reports its address once
/// it listens. Graceful shutdown drains the server's calls.
struct ServingService: Service, CustomStringConvertible {
    let server: RPCServer
    let beforeServing: [@Sendable () async -> Void]
    let onListening: @Sendable (SocketAddress) async throws -> Void

    var description: String { "RPC server" }

    func run() async throws {
        for step in beforeServing { await step() }
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.run() }
            try await onListening(try await server.listeningAddress)
        }
    }
}
