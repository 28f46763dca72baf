import NIOCore
import NIOPosix
import Protos
import RPCServer
import Synchronization
import TestSupport
import Testing

/// Where handlers run: on their connection's event loop by default, on the
/// cooperative pool when `handlersOnEventLoop` is off.
@Suite("Handler execution", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct EventLoopExecutionTests {
    /// Records, for every call, the event loop the interceptor (and so the handler) ran on, if any.
    final class LoopProbe: ServerInterceptor {
        let seen = Mutex<[(any EventLoop)?]>([])

        func intercept(context: ServerContext, next: @Sendable (ServerContext) async throws -> Void) async throws {
            seen.withLock { $0.append(MultiThreadedEventLoopGroup.currentEventLoop) }
            try await next(context)
            seen.withLock { $0.append(MultiThreadedEventLoopGroup.currentEventLoop) }
        }
    }

    @Test(arguments: [true, false])
    func handlersRunWhereConfigured(onEventLoop: Bool) async throws {
        let probe = LoopProbe()
        try await InteropHarness.withServer(configure: { $0.handlersOnEventLoop = onEventLoop }, interceptors: [probe]) { server in
            try await server.withTestClient { client in
                for _ in 0..<4 { _ = try await client.emptyCall(Arpc_Test_V1_Empty()) }
            }
        }
        let loops = probe.seen.withLock { $0 }
        #expect(loops.count == 8)
        if onEventLoop {
            // Before and after the handler: the same loop, the connection's, every time.
            let first = try #require(loops.first ?? nil)
            #expect(loops.allSatisfy { $0 === first })
        } else {
            #expect(loops.allSatisfy { $0 == nil })
        }
    }
}
