public import Foundation
public import Identity
public import Wire

/// What a handler knows about its call. Handlers never see frames or sockets.
///
/// A call's context is copied into every interceptor and task of the call,
/// so its fields live in one immutable box: a copy is one reference.
public struct ServerContext: Sendable {
    private final class Storage: Sendable {
        let method: String
        let principal: Principal
        let metadata: Metadata
        let deadline: ContinuousClock.Instant?
        let peer: String
        let stream: ServerStream

        init(method: String, principal: Principal, metadata: Metadata, deadline: ContinuousClock.Instant?,
             peer: String, stream: ServerStream) {
            self.method = method
            self.principal = principal
            self.metadata = metadata
            self.deadline = deadline
            self.peer = peer
            self.stream = stream
        }
    }

    private let storage: Storage

    init(method: String, principal: Principal, metadata: Metadata, deadline: ContinuousClock.Instant?,
         peer: String, stream: ServerStream) {
        storage = Storage(
            method: method, principal: principal, metadata: metadata, deadline: deadline, peer: peer, stream: stream)
    }

    /// `/package.Service/Method`.
    public var method: String { storage.method }
    /// The tenant and principal from the verified client certificate.
    public var principal: Principal { storage.principal }
    /// The client's request metadata.
    public var metadata: Metadata { storage.metadata }
    /// When the call must be finished by, if the client set a deadline.
    public var deadline: ContinuousClock.Instant? { storage.deadline }
    /// The client's address, for logs.
    public var peer: String { storage.peer }
    var stream: ServerStream { storage.stream }

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
