import Identity
import RPCServer
import TestSupport
import Testing
import Wire

/// A handler called in-process, without TLS or a server: the principal comes
/// from the context a test makes, and a thrown error is converted exactly as
/// the runtime converts it before the caller sees it. For validation and
/// storage checks; TLS, row-level security through the wire, streams and
/// shutdown stay with `AttrdHarness`.
enum DirectCall {
    /// A context for `method`, called by `tenant`'s `kind`/`name`.
    static func context(
        _ tenant: TestTenant, method: String, kind: String = "user", name: String = "admin"
    ) throws -> ServerContext {
        let principal = try Principal(
            uri: DevPKI.spiffeID(tenant: tenant.idString, kind: kind, id: name), trustDomain: TrustDomain("attribution.local"))
        return ServerContext(method: method, principal: principal)
    }

    /// The status the caller would receive for `body`'s error; nil when it succeeds.
    static func status(_ body: () async throws -> Void) async -> RPCError? {
        do {
            try await body()
            return nil
        } catch {
            return RPCError(converting: error, callID: "test")
        }
    }
}
