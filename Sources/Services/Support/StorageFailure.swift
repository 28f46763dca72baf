import Logging
import Storage
import Wire

/// Turns a storage failure into the status a caller sees; the details go to
/// the log (PostgreSQL's messages never carry parameter values), the caller
/// gets no SQL.
enum StorageFailure {
    static func rpcError(_ error: any Error, operation: String, logger: Logger) -> RPCError {
        if let rpc = error as? RPCError { return rpc }
        guard let postgres = error as? PostgresError else {
            logger.error("\(operation) failed", metadata: Logger.Metadata([.error: "\(error)"]))
            return RPCError(code: .internal, message: "\(operation) failed")
        }
        switch postgres.code {
        case .connectionFailed, .poolTimeout, .poolClosed:
            logger.warning("\(operation): database unavailable", metadata: Logger.Metadata([.error: "\(postgres)"]))
            return RPCError(code: .unavailable, message: "the database is unavailable; nothing was stored, retry later")
        case .deadlineExceeded:
            return RPCError(code: .deadlineExceeded, message: "\(operation) ran out of time; nothing was stored")
        case .cancelled:
            return RPCError(code: .cancelled, message: "\(operation) was cancelled; nothing was stored")
        default:
            // 40001/40P01: serialization failure or deadlock, safe to retry.
            if postgres.sqlState == "40001" || postgres.sqlState == "40P01" {
                return RPCError(code: .aborted, message: "\(operation) conflicted with a concurrent write; nothing was stored, retry")
            }
            logger.error("\(operation) failed", metadata: Logger.Metadata([.error: "\(postgres)"]))
            return RPCError(code: .internal, message: "\(operation) failed; nothing was stored")
        }
    }
}
