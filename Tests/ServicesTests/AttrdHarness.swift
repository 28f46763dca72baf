import Pixels
import AttrdCore
import Foundation
import LayeredConfig
import NIOCore
import Logging
import Protos
import Secrets
import RPCClient
import ServiceLifecycle
import Storage
import TLS
import TestSupport
import Testing
import Wire

/// attrd in-process on an ephemeral port against make test's database, and
/// clients of fresh test tenants over real mTLS.
struct AttrdHarness {
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    static let enabled = TestEnvironment.hasDatabase && TestEnvironment.hasDevPKI

    let port: Int
    /// Starts attrd's graceful shutdown (as SIGTERM would), for tests of what calls see then.
    var shutDown: @Sendable () async -> Void = {}

    static func configuration(configure: (inout AttrdConfiguration) -> Void) throws -> AttrdConfiguration {
        var configuration = AttrdConfiguration(
            listen: HostAndPort(host: "127.0.0.1", port: 0),
            tls: .init(
                certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.serverKey,
                clientCA: DevPKI.caCertificate, crl: DevPKI.crl),
            database: try ConnectionString(try #require(TestEnvironment.databaseURL)))
        configuration.storage.ownerDatabase = try TestEnvironment.ownerDatabaseURL.map(ConnectionString.init)
        // make test's dev master key, so that secrets can be sealed.
        if let keys = TestEnvironment.variables["ATTRD_MASTER_KEY_FILE"], !keys.isEmpty {
            configuration.storage.masterKeys = try Keyring(contentsOfFile: keys)
        }
        // Tests evaluate alerts themselves (PixelAlertTests), at times they choose.
        configuration.modules[PixelsSettings.alertInterval] = 0
        configure(&configuration)
        return configuration
    }

    /// Runs attrd for the duration of `body`, then shuts it down gracefully.
    static func withServer<Result: Sendable>(
        configure: (inout AttrdConfiguration) -> Void = { _ in },
        _ body: (AttrdHarness) async throws -> Result
    ) async throws -> Result {
        let (ready, readySignal) = AsyncStream<Int>.makeStream()
        let application = AttrdApplication(configuration: try configuration(configure: configure), logger: quiet) {
            readySignal.yield($0.port ?? 0)
        }
        let group = ServiceGroup(services: [application], logger: quiet)
        return try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ready.makeAsyncIterator()
            let port = try #require(await iterator.next())
            do {
                let result = try await body(AttrdHarness(port: port, shutDown: { await group.triggerGracefulShutdown() }))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// Runs `body` with a client of `tenant` as `kind`/`name`, closing it afterwards.
    /// `settings` is what the client announces (e.g. a small window, to play a slow reader).
    func withClient<Result: Sendable>(
        _ tenant: TestTenant, kind: String = "service", name: String = "ingest", settings: Settings = .defaults,
        _ body: (RPCClient) async throws -> Result
    ) async throws -> Result {
        let (certificate, key) = try tenant.credentials(kind: kind, name: name)
        let tls = try TLSContext.client(
            serverName: "localhost", trustedCA: DevPKI.caCertificate, certificateChain: certificate, privateKey: key)
        var configuration = RPCClient.Configuration(host: "127.0.0.1", port: port)
        configuration.settings = settings
        let client = RPCClient(configuration: configuration, tls: tls, logger: Self.quiet)
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw error
        }
    }

    /// An ingest client of `tenant` (a `service` principal).
    func withIngest<Result: Sendable>(
        _ tenant: TestTenant, _ body: (Attribution_V1_IngestClient) async throws -> Result
    ) async throws -> Result {
        try await withClient(tenant) { try await body(Attribution_V1_IngestClient($0)) }
    }
}
