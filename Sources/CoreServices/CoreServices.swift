import Protos
public import RPCServer

/// The services every attrd serves: health and reflection.
public enum CoreServices {
    /// Registers Health and ServerReflection with `router`, after the other
    /// services, so that reflection lists everything; returns the health
    /// status to flip on shutdown.
    public static func register(with router: inout Router) throws -> HealthStatus {
        let services = Set((router.methods + [
            Arpc_Health_V1_Health.Method.check, Arpc_Reflection_V1_ServerReflection.Method.listServices,
        ]).compactMap { path in path.split(separator: "/").first.map(String.init) })
        let health = HealthStatus(services: Array(services))
        HealthService(status: health).register(with: &router)
        try ReflectionService(services: Array(services)).register(with: &router)
        return health
    }
}
