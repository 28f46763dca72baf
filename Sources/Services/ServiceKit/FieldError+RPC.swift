public import Wire

extension FieldError: RPCErrorConvertible {
    /// INVALID_ARGUMENT naming the field.
    public var rpcError: RPCError {
        RPCError(code: .invalidArgument, message: field.isEmpty ? reason : "\(field): \(reason)")
    }
}
