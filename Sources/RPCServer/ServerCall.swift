import Identity
import Wire

/// A call the connection accepted, handed from the event loop to the task that runs it.
struct ServerCall: Sendable {
    let context: ServerContext
    let stream: ServerStream
    let handler: Router.Handler
}
