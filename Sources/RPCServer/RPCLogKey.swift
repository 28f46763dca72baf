public import Logging

/// The RPC runtime's log metadata keys, prefixed `rpc_` so they never
/// collide with another library's, except the tenant: `tenant_id` is the one
/// key every library of attrd logs a tenant under, so one query finds a
/// tenant's lines whoever wrote them.
public enum RPCLogKey: String, Sendable {
    case tenant = "tenant_id"
    case peer = "rpc_peer"
    case principal = "rpc_principal"
    case method = "rpc_method"
    case callID = "rpc_call_id"
    case status = "rpc_status"
    case duration = "rpc_duration_us"
    case error = "rpc_error"
    case cause = "rpc_cause"
    case address = "rpc_address"
}

extension Logger {
    /// Typed access: `logger[.callID] = "…"`.
    public subscript(_ key: RPCLogKey) -> Logger.Metadata.Value? {
        get { self[metadataKey: key.rawValue] }
        set { self[metadataKey: key.rawValue] = newValue }
    }
}
