import AttrdCore
import Foundation
import LayeredConfig
import Logging
import Secrets
import Storage
import TestSupport
import Testing

/// Start-up's migrations and `attrd keys rotate`, on throwaway clusters.
@Suite(
    "attrd storage start-up and key rotation",
    .enabled(if: (ScratchPostgres.isAvailable && TestEnvironment.hasDevPKI) || TestEnvironment.requiresAll, "needs PostgreSQL binaries and the dev PKI")
)
struct AttrdStorageStartupTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func configuration(_ scratch: ScratchPostgres, owner: Bool) throws -> AttrdConfiguration {
        var configuration = AttrdConfiguration(
            listen: HostAndPort(host: "127.0.0.1", port: 0),
            tls: .init(
                certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.serverKey,
                clientCA: DevPKI.caCertificate, crl: DevPKI.crl),
            database: try ConnectionString(scratch.appURL))
        configuration.storage.ownerDatabase = owner ? try ConnectionString(scratch.ownerURL) : nil
        return configuration
    }

    @Test func withoutTheOwnerURLAnUnmigratedSchemaRefusesToStart() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        do {
            try await AttrdApplication(configuration: try configuration(scratch, owner: false), logger: Self.logger).run()
            Issue.record("started on an unmigrated database")
        } catch let error as StartupError {
            #expect(error.check.hasPrefix("database schema"))
            #expect(error.reason.contains("0001_tenancy"))
            #expect(error.reason.contains("--owner-database-url"))
        }
    }

    @Test func keysRotateResealsUnderTheCurrentKey() async throws {
        let scratch = try await ScratchPostgres.start()
        defer { scratch.stop() }
        let old = try MasterKey.generate(id: "old")
        let new = try MasterKey.generate(id: "new")
        try await Migrator(connectionString: ConnectionString(scratch.ownerURL), migrations: Migration.bundled(), logger: Self.logger).migrate()
        let storage = AttrdStorage(
            database: try ConnectionString(scratch.appURL), settings: .init(poolSize: 2, masterKeys: try Keyring([old])),
            logger: Self.logger)
        let tenant = UUID()
        let row = UUID()
        let secret = SecretColumn(table: "attribution_export_configs", column: "encrypted_destination_config")
        let context = SecretContext(tenantID: tenant, table: secret.table, rowID: row, column: secret.column)
        let sealed = try #require(storage.secrets).seal(#"{"bucket":"b","secret_key":"s3-secret"}"#, for: context)
        try await storage.database.withTenant(tenant) { tx in
            try await tx.query("INSERT INTO tenants (id, name) VALUES ($1, 'rotation')", [tenant])
            try await tx.query(
                "INSERT INTO attribution_export_configs (id, tenant_id, name, destination_type, schedule, tables, encrypted_destination_config) VALUES ($1, $2, 'nightly', 's3', 'daily', $3, $4)",
                [row, tenant, ["attribution_touchpoints"], PostgresBytes(sealed)])
        }
        await storage.close()

        let summary = try await AttrdKeys.rotate(
            database: try ConnectionString(scratch.appURL), settings: .init(poolSize: 2, masterKeys: try Keyring([new, old])),
            logger: Self.logger)
        #expect(summary.hasPrefix("re-sealed 1 secret(s) under key new"))

        let reader = AttrdStorage(
            database: try ConnectionString(scratch.appURL), settings: .init(poolSize: 1, masterKeys: try Keyring([new])),
            logger: Self.logger)
        let stored = try await reader.database.withTenant(tenant) { tx in
            try await tx.query("SELECT encrypted_destination_config AS c FROM attribution_export_configs")[0].decode("c", as: PostgresBytes.self)
        }
        await reader.close()
        #expect(try #require(reader.secrets).openString(stored.bytes, for: context).contains("s3-secret"))
    }
}
