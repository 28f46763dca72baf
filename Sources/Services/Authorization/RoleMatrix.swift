/// Which roles may call which methods.
///
/// - Health, reflection and the interop test service: every principal.
/// - attribution.v1.Ingest: admin and ingest.
/// - Other attribution.v1 methods: reads (Get…, List…, Stream…, Preview…,
///   Download…) admin and analyst; everything else (create, update, delete,
///   retry, send, run, sync, connect) admin only.
/// - Anything else: nobody.
public enum RoleMatrix {
    public static func allows(_ role: Role, _ method: String) -> Bool {
        let parts = method.split(separator: "/")
        guard parts.count == 2 else { return false }
        let (service, name) = (parts[0], parts[1])
        switch service {
        case "arpc.health.v1.Health", "arpc.reflection.v1.ServerReflection", "arpc.test.v1.TestService":
            return true
        case "attribution.v1.Ingest":
            return role == .admin || role == .ingest
        case _ where service.hasPrefix("attribution.v1."):
            return isRead(name) ? role == .admin || role == .analyst : role == .admin
        default:
            return false
        }
    }

    static func isRead(_ name: Substring) -> Bool {
        ["Get", "List", "Stream", "Preview", "Download"].contains { name.hasPrefix($0) }
    }
}
