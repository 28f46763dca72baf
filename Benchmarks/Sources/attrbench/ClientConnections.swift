import NIOCore
import NIOPosix
import RPCClient
import RPCServer
import TLS

/// One RPCClient per connection, each pinned to an event loop, with the task
/// executors that run a connection's workers on that same loop.
struct ClientConnections: Sendable {
    let clients: [RPCClient]
    let executors: [any TaskExecutor]

    init(count: Int, server: ServerOptions, tls: TLSContext) {
        let loops = (0..<count).map { _ in MultiThreadedEventLoopGroup.singleton.next() }
        clients = loops.map { loop in
            RPCClient(configuration: .init(host: server.host, port: server.port), tls: tls, logger: .quiet, group: loop)
        }
        executors = loops.map { EventLoopTaskExecutor($0) }
    }

    func close() async {
        for client in clients { await client.close() }
    }
}
