import Foundation
import Identity
import Logging
@testable import RPCServer
import Testing
import Wire

/// What a call that threw ends with (`RPCError(converting:)`), and the
/// context tests make to call handlers directly.
@Suite("Server: error conversion")
struct ErrorConversionTests {
    struct Refused: RPCErrorConvertible {
        var rpcError: RPCError { RPCError(code: .failedPrecondition, message: "not now") }
    }

    struct Broken: RPCErrorConvertible {
        var rpcError: RPCError { RPCError(code: .internal, message: "") }
    }

    struct Opaque: Error {}

    @Test func anRPCErrorIsKept() {
        let error = RPCError(code: .notFound, message: "no such thing")
        #expect(RPCError(converting: error, callID: "c1") == error)
    }

    @Test func aConvertibleErrorSaysItsOwnStatus() {
        let converted = RPCError(converting: Refused(), callID: "c1")
        #expect(converted == RPCError(code: .failedPrecondition, message: "not now"))
        #expect(converted.cause == nil)
    }

    @Test func anyOtherErrorIsInternalNamingTheCallAndKeepsTheCause() {
        let converted = RPCError(converting: Opaque(), callID: "abc-1-3")
        #expect(converted.code == .internal)
        #expect(converted.message.contains("call abc-1-3"))
        #expect(converted.cause is Opaque)
        #expect(converted.isServerFault)
        // A convertible INTERNAL without a message gets the same wording.
        let broken = RPCError(converting: Broken(), callID: "abc-1-5")
        #expect(broken.message.contains("call abc-1-5") && broken.cause is Broken)
    }

    @Test func cancellationEndsWithTheCodeTheClientReceives() {
        #expect(RPCError(converting: CancellationError(), callID: "c").code == .cancelled)
        #expect(RPCError(converting: CancellationError(), callID: "c", cancelledWith: .unavailable).code == .unavailable)
        #expect(RPCError(converting: CancellationError(), callID: "c", cancelledWith: .deadlineExceeded)
            == RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
    }

    @Test func theCauseIsNeverPartOfEquality() {
        let plain = RPCError(code: .internal, message: "x")
        #expect(plain == RPCError(code: .internal, message: "x", cause: Opaque()))
    }

    @Test func aTestContextRecordsResponseMetadataAndLogsWithTheCallKeys() throws {
        let tenant = UUID()
        let principal = try Principal(
            uri: "spiffe://attribution.local/tenant/\(tenant.uuidString.lowercased())/user/casey",
            trustDomain: TrustDomain("attribution.local"))
        let recorded = RecordedCallMetadata()
        // A handler that keeps metadata (the default test logger discards everything).
        let base = Logger(label: "test", factory: { StreamLogHandler.standardError(label: $0) })
        let context = ServerContext(method: "/a.v1.S/M", principal: principal, logger: base, recorded: recorded)
        var first = Metadata()
        first.add("x-first", "1")
        var last = Metadata()
        last.add("x-last", "2")
        try context.setInitialMetadata(first)
        context.addTrailingMetadata(last)
        #expect(recorded.initial.first("x-first") == "1")
        #expect(recorded.trailing.first("x-last") == "2")
        let logger = context.logger
        #expect(logger[metadataKey: "tenant_id"] == "\(tenant.uuidString.lowercased())")
        #expect(logger[metadataKey: "rpc_method"] == "/a.v1.S/M")
        #expect(logger[metadataKey: "rpc_call_id"] == "\(context.callID)")
    }
}
