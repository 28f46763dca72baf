import CoreServices
import ServiceLifecycle

/// Flips every health status to NOT_SERVING and ends every Watch as soon as
/// graceful shutdown begins, so load balancers stop sending calls while the
/// server drains the ones it has.
struct HealthShutdownService: Service, CustomStringConvertible {
    let health: HealthStatus

    var description: String { "health" }

    func run() async throws {
        try? await gracefulShutdown()
        health.shutDown()
    }
}
