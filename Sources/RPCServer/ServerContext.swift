public import Foundation
public import Identity
public import Logging
public import Wire

/// What a handler knows about its call. Handlers never see frames or sockets.
///
/// A call's context is copied into every interceptor and task of the call,
/// so its fields live in one immutable box: a copy is one reference.
public struct ServerContext: Sendable {
    /// Where the call's response metadata goes: the live stream, or, for a
    /// context made by a test, a recorder the test reads.
    enum MetadataSink: Sendable {
        case stream(ServerStream)
        case recorder(RecordedCallMetadata)
    }

    private final class Storage: Sendable {
        let method: String
        let access: MethodAccess?
        let principal: Principal
        let metadata: Metadata
        let deadline: ContinuousClock.Instant?
        let peer: String
        let callID: CallID
        let connectionLogger: Logger
        let sink: MetadataSink

        init(method: String, access: MethodAccess?, principal: Principal, metadata: Metadata,
             deadline: ContinuousClock.Instant?, peer: String, callID: CallID, connectionLogger: Logger, sink: MetadataSink) {
            self.method = method
            self.access = access
            self.principal = principal
            self.metadata = metadata
            self.deadline = deadline
            self.peer = peer
            self.callID = callID
            self.connectionLogger = connectionLogger
            self.sink = sink
        }
    }

    private let storage: Storage

    init(method: String, access: MethodAccess?, principal: Principal, metadata: Metadata,
         deadline: ContinuousClock.Instant?, peer: String, callID: CallID, connectionLogger: Logger, stream: ServerStream) {
        storage = Storage(
            method: method, access: access, principal: principal, metadata: metadata, deadline: deadline, peer: peer,
            callID: callID, connectionLogger: connectionLogger, sink: .stream(stream))
    }

    /// A context for calling a handler directly in a test, without a server:
    /// response metadata the handler sets is kept in `recorded`.
    public init(
        method: String,
        access: MethodAccess? = nil,
        principal: Principal,
        metadata: Metadata = [:],
        deadline: ContinuousClock.Instant? = nil,
        logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
        recorded: RecordedCallMetadata = RecordedCallMetadata()
    ) {
        var logger = logger
        logger[.tenant] = "\(principal.tenantID.uuidString.lowercased())"
        logger[.principal] = "\(principal.kind.rawValue):\(principal.id)"
        storage = Storage(
            method: method, access: access, principal: principal, metadata: metadata, deadline: deadline, peer: "test",
            callID: CallID(connection: CallID.nextConnection(), stream: 1), connectionLogger: logger,
            sink: .recorder(recorded))
    }

    /// `/package.Service/Method`.
    public var method: String { storage.method }
    /// Who may call the method, as registered from its .proto option; nil
    /// when it was registered with none (then nobody may).
    public var access: MethodAccess? { storage.access }
    /// The tenant and principal from the verified client certificate.
    public var principal: Principal { storage.principal }
    /// The client's request metadata.
    public var metadata: Metadata { storage.metadata }
    /// When the call must be finished by, if the client set a deadline.
    public var deadline: ContinuousClock.Instant? { storage.deadline }
    /// The client's address, for logs.
    public var peer: String { storage.peer }
    /// The call's id, as its log lines and INTERNAL messages show it.
    public var callID: String { storage.callID.description }
    /// The call's logger: peer, tenant (`tenant_id`), principal, method and
    /// call id on every line, so a store's or a handler's line joins the
    /// access log's. Built when asked for (most calls log nothing).
    public var logger: Logger {
        var logger = storage.connectionLogger
        logger[.method] = "\(storage.method)"
        logger[.callID] = "\(storage.callID)"
        return logger
    }
    var sink: MetadataSink { storage.sink }

    /// The code the client receives for a call ended from outside (client
    /// cancel, deadline, shutdown); nil while it is not.
    var cancellationCode: StatusCode? {
        guard case .stream(let stream) = sink else { return nil }
        return stream.cancellationCode
    }

    /// The tenant every data access of this call is confined to.
    public var tenantID: UUID { principal.tenantID }

    /// Sets the response's initial metadata; only before the first response message.
    public func setInitialMetadata(_ metadata: Metadata) throws {
        switch sink {
        case .stream(let stream): try stream.setInitialMetadata(metadata)
        case .recorder(let recorder): recorder.setInitial(metadata)
        }
    }

    /// Adds metadata to the trailers sent when the call ends.
    public func addTrailingMetadata(_ metadata: Metadata) {
        switch sink {
        case .stream(let stream): stream.addTrailingMetadata(metadata)
        case .recorder(let recorder): recorder.addTrailing(metadata)
        }
    }
}
