/// Which roles may call which methods.
///
/// - Health, reflection and the interop test service: every principal.
/// - attribution.v1.Ingest: admin and ingest.
/// - Other attribution.v1 methods: reads (Get…, List…, Stream…, Preview…,
///   Download…) admin and analyst; everything else (create, update, delete,
///   retry, send, run, sync, connect) admin only.
/// - Anything else: nobody.
///
/// It runs on every call, so it reads the method's UTF-8 bytes in place
/// rather than splitting the path into new strings.
public enum RoleMatrix {
    /// Who may call a method.
    public enum Access: Sendable, Equatable {
        case everyone, ingest, read, write, nobody

        public func permits(_ role: Role) -> Bool {
            switch self {
            case .everyone: true
            case .ingest: role == .admin || role == .ingest
            case .read: role == .admin || role == .analyst
            case .write: role == .admin
            case .nobody: false
            }
        }
    }

    public static func allows(_ role: Role, _ method: String) -> Bool {
        access(method).permits(role)
    }

    /// The access rule of `method`, a path `/package.Service/Method`.
    public static func access(_ method: String) -> Access {
        let slash = UInt8(ascii: "/")
        let path = method.utf8.first == slash ? method.dropFirst() : method[...]
        guard let separator = path.utf8.firstIndex(of: slash) else { return .nobody }
        let service = path[..<separator]
        let name = path[path.utf8.index(after: separator)...]
        guard !service.isEmpty, !name.isEmpty, !name.utf8.contains(slash) else { return .nobody }
        switch service {
        case "arpc.health.v1.Health", "arpc.reflection.v1.ServerReflection", "arpc.test.v1.TestService":
            return .everyone
        case "attribution.v1.Ingest":
            return .ingest
        case _ where service.utf8.starts(with: "attribution.v1.".utf8):
            return isRead(name) ? .read : .write
        default:
            return .nobody
        }
    }

    static func isRead(_ name: Substring) -> Bool {
        ["Get", "List", "Stream", "Preview", "Download"].contains { name.utf8.starts(with: $0.utf8) }
    }
}
