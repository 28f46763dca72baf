/// An error that knows the status a call failing with it should end with.
/// The server converts any error a handler throws: an `RPCError` as it is, a
/// convertible error through `rpcError`, anything else as INTERNAL (with a
/// call id in the message and the error itself only in the log). So a store
/// or a validator throws its own typed errors and the handler needs no
/// `do`/`catch` to translate them.
public protocol RPCErrorConvertible: Error {
    /// The status code, message and trailing metadata the caller receives;
    /// its `cause` is logged, never sent. An INTERNAL error with an empty
    /// message gets the server's own (naming the call id), so an error can
    /// say "this is a fault of the server" without wording it for callers.
    var rpcError: RPCError { get }
}
