import AttrdCore
import Foundation
import NIOCore
import Protos
import LayeredConfig
import Logging
import ServiceLifecycle
import Storage
import TestSupport
import Testing

@Suite(
    "attrd start-up and shutdown",
    .enabled(if: TestEnvironment.hasDatabase && TestEnvironment.hasDevPKI, "needs make test's database and dev PKI")
)
struct AttrdApplicationTests {
    /// The start-up logic logs; these tests assert on results, not on log lines.
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func configuration(database: String? = nil, key: String = DevPKI.serverKey) throws -> AttrdConfiguration {
        let url = try #require(database ?? TestEnvironment.databaseURL)
        var configuration = AttrdConfiguration(
            listen: HostAndPort(host: "127.0.0.1", port: 0),
            tls: .init(
                certificateChain: DevPKI.serverCertificate, privateKey: key,
                clientCA: DevPKI.caCertificate, crl: DevPKI.crl),
            database: try ConnectionString(url)
        )
        // Start-up applies the migrations, as make test's owner role.
        configuration.storage.ownerDatabase = try TestEnvironment.ownerDatabaseURL.map(ConnectionString.init)
        return configuration
    }

    @Test func servesHealthThenStopsOnGracefulShutdown() async throws {
        let (ready, readySignal) = AsyncStream<Int>.makeStream()
        let application = AttrdApplication(configuration: try configuration(), logger: Self.logger) { address in
            readySignal.yield(address.port ?? 0)
        }
        let group = ServiceGroup(services: [application], logger: Self.logger)
        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ready.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(try await AttrdHealthCheck.check(port: port) == .serving)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func refusesToStartWithAWrongDatabasePassword() async throws {
        let options = try ConnectionString(try #require(TestEnvironment.databaseURL)).options
        let wrong = "postgresql://\(options["user"]!):not-the-password@\(options["host"]!):\(options["port"]!)/\(options["dbname"]!)"
        let application = AttrdApplication(configuration: try configuration(database: wrong), logger: Self.logger)
        do {
            try await application.run()
            Issue.record("started with a wrong password")
        } catch let error as StartupError {
            #expect(error.check.hasPrefix("database postgresql://attr_app@"))
            #expect(error.reason.contains("password authentication failed"))
            #expect(!"\(error)".contains("not-the-password"))
        }
    }

    @Test func refusesToStartWithAKeyThatIsNotTheCertificates() async throws {
        let application = AttrdApplication(
            configuration: try configuration(key: DevPKI.path("clients/tenant1-admin.key")), logger: Self.logger)
        do {
            try await application.run()
            Issue.record("started with a mismatched key")
        } catch let error as StartupError {
            #expect(error.check == "TLS material")
            #expect(error.reason.contains("is not the key of"))
        }
    }
}
