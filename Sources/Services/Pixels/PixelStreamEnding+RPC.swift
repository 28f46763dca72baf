import ServiceKit
public import Wire

extension PixelStreamEnding: RPCErrorConvertible {
    /// The status the stream ends with (pixels.proto, StreamEvents).
    public var rpcError: RPCError {
        switch self {
        case .overflow(let limit):
            RPCError(
                code: .resourceExhausted,
                message: "the stream fell more than \(limit) events behind (the per-stream buffer is full); "
                    + "reconnect and use ListEvents for the gap")
        case .missedEvents:
            RPCError(
                code: .unavailable,
                message: "the server lost its database notification connection and may have missed events; "
                    + "reconnect and use ListEvents for the gap")
        case .shutdown:
            RPCError(code: .unavailable, message: "the server is shutting down; reconnect")
        }
    }
}
