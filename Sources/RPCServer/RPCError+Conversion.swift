public import Wire

extension RPCError {
    /// The error a call that threw `error` ends with: an `RPCError` as it
    /// is; an `RPCErrorConvertible` through its `rpcError`; cancellation as
    /// `cancelledWith` (the code the client receives when the call was ended
    /// from outside, else CANCELLED); anything else as INTERNAL, naming the
    /// call's id (the error itself becomes the cause, for the log only).
    public init(converting error: any Error, callID: String, cancelledWith cancellation: StatusCode? = nil) {
        switch error {
        case let error as RPCError:
            self = error
        case let convertible as any RPCErrorConvertible:
            self = convertible.rpcError
            if code == .internal, message.isEmpty {
                message = Self.internalMessage(callID)
                cause = cause ?? error
            }
        case is CancellationError:
            let code = cancellation ?? .cancelled
            self = RPCError(code: code, message: code == .deadlineExceeded ? "deadline exceeded" : "call cancelled")
        default:
            self = RPCError(code: .internal, message: Self.internalMessage(callID), cause: error)
        }
    }

    static func internalMessage(_ callID: String) -> String {
        "internal error; the server's log has the details (call \(callID))"
    }

    /// Whether the server's log should report this at error level: a fault
    /// of the server, not of the call's input or of its circumstances.
    var isServerFault: Bool {
        code == .internal || code == .unknown || code == .dataLoss
    }
}
