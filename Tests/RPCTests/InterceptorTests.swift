import Identity
import MetricsTestKit
import Protos
import RPCClient
import RPCServer
import Synchronization
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
        let policy = AuthorizationInterceptor { principal, method, _ in
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

    @Test func aRouteWithoutAccessIsRefusedForEveryoneWhateverThePolicy() async throws {
        let undeclared = "/arpc.test.v1.Extra/Undeclared"
        let permissive = AuthorizationInterceptor { _, _, _ in true }
        try await InteropHarness.withServer(interceptors: [permissive], routes: { router in
            router.unary(undeclared, access: nil) { (request: Arpc_Test_V1_Empty, _) in request }
        }) { server in
            for certificate in ["clients/tenant1-admin", "clients/tenant1-ingest"] {
                await #expect(throws: RPCError(
                    code: .permissionDenied,
                    message: "\(undeclared) declares no access (option (arpc.access.v1.access) in its .proto): nobody may call it"
                )) {
                    try await server.withClient(certificate) { client in
                        try await client.unary(undeclared, Arpc_Test_V1_Empty(), as: Arpc_Test_V1_Empty.self)
                    }
                }
            }
        }
    }

    @Test func thePolicyGetsTheAccessTheRouteWasRegisteredWith() async throws {
        // A read whose name no prefix rule would have known.
        let search = "/arpc.test.v1.Extra/SearchThings"
        let seen = Mutex<[String: MethodAccess]>([:])
        let recording = AuthorizationInterceptor { _, method, access in
            seen.withLock { $0[method] = access }
            return access != .write
        }
        try await InteropHarness.withServer(interceptors: [recording], routes: { router in
            router.unary(search, access: .read) { (request: Arpc_Test_V1_Empty, _) in request }
            router.unary("/arpc.test.v1.Extra/Change", access: .write) { (request: Arpc_Test_V1_Empty, _) in request }
        }) { server in
            try await server.withClient { client in
                _ = try await client.unary(search, Arpc_Test_V1_Empty(), as: Arpc_Test_V1_Empty.self)
                _ = try await Arpc_Test_V1_TestServiceClient(client).emptyCall(Arpc_Test_V1_Empty())
                await #expect(throws: RPCError(code: .permissionDenied, message: "user admin may not call /arpc.test.v1.Extra/Change")) {
                    try await client.unary("/arpc.test.v1.Extra/Change", Arpc_Test_V1_Empty(), as: Arpc_Test_V1_Empty.self)
                }
            }
        }
        #expect(seen.withLock { $0 } == [
            search: .read, Arpc_Test_V1_TestService.Method.emptyCall: .public, "/arpc.test.v1.Extra/Change": .write,
        ])
    }
}
