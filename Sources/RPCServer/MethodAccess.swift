/// Who may call a method, as its .proto declares it with the option
/// `(arpc.access.v1.access)` (proto/arpc/access/v1/access.proto). The
/// generated `register(with:)` passes each method's access to the router; the
/// authorization interceptor checks the caller against it. A route registered
/// with no access (nil) is refused for everyone.
public enum MethodAccess: Sendable, Hashable, CaseIterable {
    /// Every authenticated principal (health, reflection, the interop test service).
    case `public`
    /// Reads a tenant's data.
    case read
    /// Changes a tenant's configuration or starts work.
    case write
    /// Sends data in.
    case ingest
}
