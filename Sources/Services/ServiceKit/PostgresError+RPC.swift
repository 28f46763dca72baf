public import Storage
public import Wire

/// The storage rules every service shares, applied by the server to any
/// `PostgresError` a handler lets through (the caller gets no SQL; the error
/// itself is the cause, in the call's log):
///
/// | failure | status |
/// | --- | --- |
/// | connection lost, pool exhausted or closed | UNAVAILABLE, "retry later" |
/// | the statement ran past the call's deadline | DEADLINE_EXCEEDED |
/// | cancelled with the call | CANCELLED |
/// | serialization failure, deadlock (40001, 40P01) | ABORTED, "retry" |
/// | unique violation (23505) | ALREADY_EXISTS |
/// | foreign-key violation (23503) | FAILED_PRECONDITION |
/// | check or not-null violation, value out of range (23514, 23502, 22003) | INVALID_ARGUMENT |
/// | anything else | INTERNAL, with the call id |
///
/// A service that knows which field a constraint guards catches the error
/// first and names the field (`PostgresError.constraint`).
extension PostgresError: RPCErrorConvertible {
    public var rpcError: RPCError {
        switch code {
        case .connectionFailed, .poolTimeout, .poolClosed:
            return RPCError(code: .unavailable, message: "the database is unavailable; retry later", cause: self)
        case .deadlineExceeded:
            return RPCError(code: .deadlineExceeded, message: "the call ran out of time in the database", cause: self)
        case .cancelled:
            return RPCError(code: .cancelled, message: "call cancelled", cause: self)
        default:
            break
        }
        switch sqlState {
        case "40001", "40P01":
            return RPCError(code: .aborted, message: "the call conflicted with a concurrent write; retry", cause: self)
        case "23505":
            return RPCError(code: .alreadyExists, message: "a resource with the same unique key already exists", cause: self)
        case "23503":
            return RPCError(
                code: .failedPrecondition,
                message: "the change refers to a resource that does not exist, or removes one still referred to", cause: self)
        case "23514", "23502", "22003":
            return RPCError(code: .invalidArgument, message: "a value is outside what the resource allows", cause: self)
        default:
            return RPCError(code: .internal, message: "", cause: self)
        }
    }
}
