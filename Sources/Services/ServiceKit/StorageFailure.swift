public import Logging
import Storage
public import Wire

/// Turns a storage failure into the status a caller sees; the details go to
/// the log (PostgreSQL's messages never carry parameter values), the caller
/// gets no SQL.
public enum StorageFailure {
    /// For a call that stored nothing: the status, saying so.
    public static func rpcError(_ error: any Error, operation: String, logger: Logger) -> RPCError {
        if let rpc = error as? RPCError { return rpc }
        let (code, reason, advice) = describe(error, operation: operation, logger: logger)
        return RPCError(code: code, message: "\(reason); nothing was stored\(advice.map { ", \($0)" } ?? "")")
    }

    /// The status code and a caller-safe reason (no SQL, no claim about what
    /// was stored), for callers that report a failure of one part of a call
    /// while other parts did take effect; and advice ("retry later") when retrying may help.
    public static func describe(_ error: any Error, operation: String, logger: Logger) -> (StatusCode, String, advice: String?) {
        if let rpc = error as? RPCError { return (rpc.code, rpc.message, nil) }
        guard let postgres = error as? PostgresError else {
            logger.error("\(operation) failed", metadata: Logger.Metadata([.error: "\(error)"]))
            return (.internal, "\(operation) failed", nil)
        }
        switch postgres.code {
        case .connectionFailed, .poolTimeout, .poolClosed:
            logger.warning("\(operation): database unavailable", metadata: Logger.Metadata([.error: "\(postgres)"]))
            return (.unavailable, "the database is unavailable", "retry later")
        case .deadlineExceeded:
            return (.deadlineExceeded, "\(operation) ran out of time", nil)
        case .cancelled:
            return (.cancelled, "\(operation) was cancelled", nil)
        default:
            // 40001/40P01: serialization failure or deadlock, safe to retry.
            if postgres.sqlState == "40001" || postgres.sqlState == "40P01" {
                return (.aborted, "\(operation) conflicted with a concurrent write", "retry")
            }
            logger.error("\(operation) failed", metadata: Logger.Metadata([.error: "\(postgres)"]))
            return (.internal, "\(operation) failed", nil)
        }
    }
}
