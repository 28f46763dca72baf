public import Logging
public import ServiceLifecycle
import Storage
import TLS
import UnixSignals

/// The attrd process: checks its TLS material and database, then serves until
/// a graceful shutdown. Until the RPC runtime lands there is nothing to serve,
/// so it only waits for shutdown once its checks pass.
public struct AttrdApplication: Service {
    public let configuration: AttrdConfiguration
    public let logger: Logger
    private let onReady: @Sendable () -> Void

    /// - Parameter onReady: called once the start-up checks have passed.
    public init(configuration: AttrdConfiguration, logger: Logger, onReady: @escaping @Sendable () -> Void = {}) {
        self.configuration = configuration
        self.logger = logger
        self.onReady = onReady
    }

    public func run() async throws {
        let credentials = try loadCredentials()
        let database = try await checkDatabase()
        let storage = try await openStorage()
        logger.notice(
            "attrd ready",
            metadata: Logger.Metadata([
                .listen: "\(configuration.listen)",
                .trustDomain: "\(configuration.trustDomain)",
                .certificate: "\(credentials.certificateChain[0].subject)",
                .certificateExpiry: "\(credentials.certificateChain[0].notAfter)",
                .database: "\(configuration.database)",
                .databaseRole: "\(database.role)",
                .serverVersion: "\(database.serverVersion)",
            ])
        )
        onReady()
        try? await gracefulShutdown()
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

    private func loadCredentials() throws -> ServerCredentials {
        let files = configuration.tls
        do {
            return try ServerCredentials(
                certificateFile: files.certificateChain,
                privateKeyFile: files.privateKey,
                clientCAFile: files.clientCA,
                crlFile: files.crl
            )
        } catch {
            throw StartupError(check: "TLS material", reason: error.message)
        }
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
