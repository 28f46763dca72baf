public import Logging
public import NIOCore
public import ServiceLifecycle
import AttributionStore
import CoreServices
import Integrations
import Observability
import Services
import Storage
import RPCServer
import TLS
import UnixSignals

/// The attrd process: checks its TLS material and database, then serves RPCs
/// until a graceful shutdown (SIGTERM, SIGINT), reloading its TLS material on SIGHUP.
public struct AttrdApplication: Service {
    public let configuration: AttrdConfiguration
    public let logger: Logger
    private let onReady: @Sendable (SocketAddress) -> Void

    /// - Parameter onReady: called with the listening address once attrd serves.
    public init(
        configuration: AttrdConfiguration, logger: Logger,
        onReady: @escaping @Sendable (SocketAddress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let tls = try makeTLSContext()
        let certificate = try? X509Certificate.load(pemFile: configuration.tls.certificateChain).first
        let database = try await checkDatabase()
        let storage = try await openStorage()
        let broadcaster = makePixelBroadcaster(storage: storage)
        let metrics = makeMetrics(storage: storage, broadcaster: broadcaster)
        // Outbound HTTP (platform deliveries) on its own bounded thread pool.
        let outbound = CurlExecutor(threads: 4)
        do {
            let (server, health) = try makeRPCServer(
                tls: tls, storage: storage, broadcaster: broadcaster, outbound: outbound, metrics: metrics)
            let interval = configuration.attribution.pixelAlertIntervalSeconds
            let alerts = interval == 0 ? nil : PixelAlertScheduler(
                evaluator: PixelAlertEvaluator(database: storage.database, interval: .seconds(interval)),
                outbox: PixelAlertOutbox(database: storage.database),
                sender: makeAlertSender(outbound: outbound), tick: .seconds(min(60, interval)), logger: logger)
            try await serve(
                server, health: health, broadcaster: broadcaster, alerts: alerts, metrics: metrics,
                database: database, certificate: certificate)
        } catch {
            try? await outbound.shutdown()
            await storage.close()
            throw error
        }
        try? await outbound.shutdown()
        await storage.close()
        logger.notice("attrd stopped")
    }

    private func serve(
        _ server: RPCServer, health: HealthStatus, broadcaster: PixelEventBroadcaster, alerts: PixelAlertScheduler?,
        metrics: AttrdMetrics?, database: DatabaseProbe.Report, certificate: X509Certificate?
    ) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            // Listening for stored pixel events before serving: a StreamEvents
            // call never starts before events can reach it.
            group.addTask { await cancelWhenGracefulShutdown { await broadcaster.run() } }
            await broadcaster.waitUntilListening()
            group.addTask { try await server.run() }
            if let alerts {
                group.addTask { await cancelWhenGracefulShutdown { await alerts.run() } }
            }
            group.addTask { await cancelWhenGracefulShutdown { await self.reloadTLSOnHangup(server) } }
            let endpoint = metrics?.makeEndpoint(logger: logger)
            if let endpoint {
                group.addTask { try await endpoint.run() }
            }
            let address = try await server.listeningAddress
            let metricsAddress = try await endpoint?.listeningAddress
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
                    .metrics: "\(metricsAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "off")",
                ])
            )
            onReady(address)
            try? await gracefulShutdown()
            health.shutDown()
            broadcaster.shutDown()
        }
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

    private func checkDatabase() async throws -> DatabaseProbe.Report {
        let report: DatabaseProbe.Report
        do {
            report = try await DatabaseProbe(connectionString: configuration.database).run()
        } catch {
            throw StartupError(check: "database \(configuration.database)", reason: "\(error)")
        }
        guard !report.roleBypassesRowLevelSecurity else {
            throw StartupError(
                check: "database \(configuration.database)",
                reason: "role \(report.role) is a superuser or has BYPASSRLS, so row-level security "
                    + "would not isolate tenants; connect as the application role (attr_app in dev)"
            )
        }
        return report
    }
}
