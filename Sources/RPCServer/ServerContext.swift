public import Foundation
public import Identity
public import Wire

/// What a handler knows about its call. Handlers never see frames or sockets.
public struct ServerContext: Sendable {
    /// `/package.Service/Method`.
    public let method: String
    /// The tenant and principal from the verified client certificate.
    public let principal: Principal
    /// The client's request metadata.
    public let metadata: Metadata
    /// When the call must be finished by, if the client set a deadline.
    public let deadline: ContinuousClock.Instant?
    /// The client's address, for logs.
    public let peer: String
    let stream: ServerStream

    /// The tenant every data access of this call is confined to.
    public var tenantID: UUID { principal.tenantID }

    /// Sets the response's initial metadata; only before the first response message.
    public func setInitialMetadata(_ metadata: Metadata) throws {
        try stream.setInitialMetadata(metadata)
    }

    /// Adds metadata to the trailers sent when the call ends.
    public func addTrailingMetadata(_ metadata: Metadata) {
        stream.addTrailingMetadata(metadata)
    }
}
