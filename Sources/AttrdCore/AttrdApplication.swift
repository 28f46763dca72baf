public import Logging
public import NIOCore
public import ServiceKit
public import ServiceLifecycle
import UnixSignals
import CoreServices
import Integrations
import Observability
import RPCServer
import Storage
import TLS

/// The attrd process: checks its TLS material and database, builds every
/// module (`AttrdModules.all`), then runs the RPC server and the modules'
/// long-running work in one service group until a graceful shutdown
/// (SIGTERM, SIGINT), reloading its TLS material on SIGHUP.
public struct AttrdApplication: Service {
    public let configuration: AttrdConfiguration
    public let modules: [any ServiceModule]
    public let logger: Logger
    private let onReady: @Sendable (SocketAddress) -> Void

    /// - Parameter onReady: called with the listening address once attrd serves.
    public init(
        configuration: AttrdConfiguration, modules: [any ServiceModule] = AttrdModules.all, logger: Logger,
        onReady: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.modules = modules
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let tls = try makeTLSContext()
        let certificate = try? X509Certificate.load(pemFile: configuration.tls.certificateChain).first
        let database = try await checkDatabase()
        let storage = try await openStorage()
        // Outbound HTTP, SMTP and SFTP on their own bounded thread pool.
        let outbound = CurlExecutor(threads: 4)
        do {
            let parts = try makeModuleParts(storage: storage, outbound: outbound)
            let runners = makeJobRunners(storage: storage, parts: parts)
            let queueGauges = makeJobQueueGauges(storage: storage, runners: runners)
            let metrics = makeMetrics(storage: storage, gauges: parts.flatMap(\.gauges) + jobGauges(queueGauges, runners: runners))
            let (server, health) = try makeRPCServer(
                tls: tls, storage: storage, services: parts.flatMap(\.rpcServices), metrics: metrics)
            let endpoint = metrics?.makeEndpoint(logger: logger)
            let serving = ServingService(server: server, beforeServing: parts.flatMap(\.beforeServing)) { address in
                logReady(address, metrics: try await endpoint?.listeningAddress, database: database, certificate: certificate)
                onReady(address)
            }
            // Started together; on shutdown stopped from the end: the health
            // status flips, live streams end, the server drains its calls,
            // then background work stops (job runners drain their jobs).
            let services: [any Service] =
                (endpoint.map { [$0] } ?? []) + parts.flatMap(\.background) + jobServices(runners, gauges: queueGauges)
                + [serving, BackgroundTask("TLS reload") { await reloadTLSOnHangup(server) }]
                + parts.flatMap(\.servingSupport) + [HealthShutdownService(health: health)]
            try await ServiceGroup(configuration: .init(services: services, logger: logger)).run()
        } catch {
            try? await outbound.shutdown()
            await storage.close()
            throw error
        }
        try? await outbound.shutdown()
        await storage.close()
        logger.notice("attrd stopped")
    }

    /// Runs under a service group that shuts down gracefully on SIGTERM or SIGINT.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [self],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    private func logReady(
        _ address: SocketAddress, metrics: SocketAddress?, database: DatabaseProbe.Report, certificate: X509Certificate?
    ) {
        logger.notice(
            "attrd ready",
            metadata: Logger.Metadata([
                .listen: "\(address.ipAddress ?? "?"):\(address.port ?? 0)",
                .trustDomain: "\(configuration.trustDomain)",
                .certificate: "\(certificate?.subject ?? "?")",
                .certificateExpiry: "\(certificate.map { "\($0.notAfter)" } ?? "?")",
                .database: "\(configuration.database)",
                .databaseRole: "\(database.role)",
                .serverVersion: "\(database.serverVersion)",
                .modules: "\(modules.map(\.name).joined(separator: ","))",
                .metrics: "\(metrics.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "off")",
            ])
        )
    }
}
