import Wire

extension FieldError: RPCErrorConvertible {
    /// INVALID_ARGUMENT naming the field.
    var rpcError: RPCError {
        RPCError(code: .invalidArgument, message: field.isEmpty ? reason : "\(field): \(reason)")
    }
}
