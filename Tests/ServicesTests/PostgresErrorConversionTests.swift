import ServiceKit
import Storage
import Testing
import Wire

/// The storage rules the server applies to a `PostgresError` a handler lets through.
@Suite("Services: storage errors as statuses")
struct PostgresErrorConversionTests {
    static func code(_ code: PostgresError.Code, _ state: String? = nil) -> StatusCode {
        PostgresError(code: code, message: "m", sqlState: state).rpcError.code
    }

    @Test func eachFailureHasItsStatus() {
        #expect(Self.code(.connectionFailed) == .unavailable)
        #expect(Self.code(.poolTimeout) == .unavailable)
        #expect(Self.code(.poolClosed) == .unavailable)
        #expect(Self.code(.deadlineExceeded, "57014") == .deadlineExceeded)
        #expect(Self.code(.cancelled, "57014") == .cancelled)
        #expect(Self.code(.queryFailed, "40001") == .aborted)
        #expect(Self.code(.queryFailed, "40P01") == .aborted)
        #expect(Self.code(.queryFailed, "23505") == .alreadyExists)
        #expect(Self.code(.queryFailed, "23503") == .failedPrecondition)
        #expect(Self.code(.queryFailed, "23514") == .invalidArgument)
        #expect(Self.code(.queryFailed, "23502") == .invalidArgument)
        #expect(Self.code(.queryFailed, "22003") == .invalidArgument)
        #expect(Self.code(.queryFailed, "42P01") == .internal)
    }

    @Test func theCallerGetsNoSQLAndTheLogGetsTheCause() {
        let error = PostgresError(
            code: .queryFailed, message: "duplicate key value violates unique constraint \"k\"", sqlState: "23505",
            constraint: "k")
        let converted = error.rpcError
        #expect(!converted.message.contains("constraint"))
        #expect((converted.cause as? PostgresError) == error)
        // INTERNAL leaves the wording to the server (which names the call id).
        #expect(PostgresError(code: .queryFailed, message: "m", sqlState: "XX000").rpcError.message.isEmpty)
    }

    @Test func notFoundNamesTheResource() {
        #expect(NotFound("influencer", id: "42").rpcError == RPCError(code: .notFound, message: "influencer 42 not found"))
    }
}
