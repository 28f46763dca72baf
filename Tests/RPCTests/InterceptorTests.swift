import Identity
import MetricsTestKit
import Protos
import RPCClient
import RPCServer
import TestSupport
import Testing
import Wire

@Suite("Interceptors", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run make test"))
struct InterceptorTests {
    @Test func accessLogHasOneLinePerCall() async throws {
        try await InteropHarness.withServer { server in
            _ = try await server.withTestClient("clients/tenant2-ingest") { try await $0.emptyCall(Arpc_Test_V1_Empty()) }
            await #expect(throws: RPCError.self) {
                try await server.withTestClient { try await $0.unimplementedCall(Arpc_Test_V1_Empty()) }
            }
            let calls = server.logs.all.filter { $0.message == "call" }
            #expect(calls.count == 2)
            let first = try #require(calls.first { $0.metadata["rpc_method"] == Arpc_Test_V1_TestService.Method.emptyCall })
            #expect(first.metadata["tenant_id"] == DevPKI.tenant2)
            let ids = calls.compactMap { $0.metadata["rpc_call_id"] }
            #expect(ids.count == 2 && Set(ids).count == 2, "each call has its own id: \(ids)")
            #expect(first.metadata["rpc_principal"] == "service:ingest")
            #expect(first.metadata["rpc_status"] == "OK")
            #expect(first.metadata["rpc_duration_us"].flatMap(Int.init) != nil)
            #expect(calls.contains { $0.metadata["rpc_status"] == "UNIMPLEMENTED" })
        }
    }

    @Test func metricsCountCallsByMethodAndStatus() async throws {
        let metrics = TestMetrics()
        try await InteropHarness.withServer(interceptors: [MetricsInterceptor(factory: metrics)]) { server in
            try await server.withTestClient { client in
                for _ in 0..<3 { _ = try await client.emptyCall(Arpc_Test_V1_Empty()) }
                await #expect(throws: RPCError.self) { try await client.unimplementedCall(Arpc_Test_V1_Empty()) }
            }
        }
        #expect(metrics.counterTotal(label: "rpc_server_calls_total",
                                     dimensions: [("method", Arpc_Test_V1_TestService.Method.emptyCall), ("status", "OK")]) == 3)
        #expect(metrics.counterTotal(label: "rpc_server_calls_total",
                                     dimensions: [("method", Arpc_Test_V1_TestService.Method.unimplementedCall), ("status", "UNIMPLEMENTED")]) == 1)
        let timer = try metrics.expectTimer("rpc_server_call_duration", [("method", Arpc_Test_V1_TestService.Method.emptyCall)])
        #expect(timer.values.count == 3)
    }

    @Test func authorizationRefusesWithPermissionDenied() async throws {
        // Services may echo their identity; users may not.
        let policy = AuthorizationInterceptor { principal, method in
            method != Arpc_Test_V1_TestService.Method.echoIdentity || principal.kind == .service
        }
        try await InteropHarness.withServer(interceptors: [policy]) { server in
            await #expect(throws: RPCError(code: .permissionDenied, message: "user admin may not call /arpc.test.v1.TestService/EchoIdentity")) {
                try await server.withTestClient { try await $0.echoIdentity(Arpc_Test_V1_Empty()) }
            }
            let allowed = try await server.withTestClient("clients/tenant1-ingest") { try await $0.echoIdentity(Arpc_Test_V1_Empty()) }
            #expect(allowed.principalKind == "service")
        }
    }
}
