public import RPCServer

/// The role matrix: which roles each access permits (docs/SECURITY.md,
/// "Roles"). Each method's access is declared in its .proto.
extension MethodAccess {
    public func permits(_ role: Role) -> Bool {
        switch self {
        case .public: true
        case .read: role == .admin || role == .analyst
        case .write: role == .admin
        case .ingest: role == .admin || role == .ingest
        }
    }

    /// The roles this access permits, in `Role.allCases` order.
    public var roles: [Role] { Role.allCases.filter(permits) }
}
