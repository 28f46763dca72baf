import Foundation
import Secrets
import ServiceKit
import Storage
import TestSupport
import Testing

/// Sealed secrets in the schema's secret columns, on a throwaway cluster
/// (pg_dump needs a superuser: the tables force row-level security even on their owner).
@Suite("Secrets in the database", .enabled(if: ScratchPostgres.isAvailable || TestEnvironment.requiresAll, "PostgreSQL server binaries not installed"))
struct SecretStorageTests {
    static let oldKey = try! MasterKey.generate(id: "2026-01")
    static let newKey = try! MasterKey.generate(id: "2026-06")
    /// A secret column of the schema (Platforms' credentials).
    static let column = SecretColumn(table: "attribution_platform_connections", column: "encrypted_credentials")

    /// Stores `token` for `tenant` and returns the row id.
    func storeCredentials(_ database: Database, _ box: SecretBox, tenant: UUID, platform: String, token: String) async throws -> UUID {
        let id = UUID()
        let column = Self.column
        let sealed = try box.seal(token, for: SecretContext(tenantID: tenant, table: column.table, rowID: id, column: column.column))
        try await database.withTenant(tenant) { tx in
            try await tx.query(
                "INSERT INTO attribution_platform_connections (id, tenant_id, platform, status, encrypted_credentials, account_name) VALUES ($1, $2, $3, 'connected', $4, $5)",
                [id, tenant, platform, PostgresBytes(sealed), "account of \(platform)"])
        }
        return id
    }

    func readCredentials(_ database: Database, _ box: SecretBox, tenant: UUID, id: UUID) async throws -> String {
        let sealed = try await database.withTenant(tenant) { tx in
            try await tx.query("SELECT encrypted_credentials FROM attribution_platform_connections WHERE id = $1", [id])[0]
                .decode("encrypted_credentials", as: PostgresBytes.self).bytes
        }
        let column = Self.column
        return try box.openString(sealed, for: SecretContext(tenantID: tenant, table: column.table, rowID: id, column: column.column))
    }

    @Test func rotationResealsEverySecretAndADumpHoldsNoPlaintext() async throws {
        let scratch = try await ScratchPostgres.migrated()
        defer { scratch.stop() }
        try await TestDatabase.withPool(size: 2, url: scratch.appURL) { pool in
            let database = Database(pool: pool)
            let oldBox = SecretBox(keyring: try Keyring([Self.oldKey]))
            var stored: [(tenant: UUID, id: UUID, token: String)] = []
            for _ in 0..<2 {
                let tenant = try await TestDatabase.makeTenant(database)
                for platform in ["snapchat", "pinterest"] {
                    let token = "plaintext-token-\(UUID().uuidString)"
                    stored.append((tenant, try await storeCredentials(database, oldBox, tenant: tenant, platform: platform, token: token), token))
                }
            }

            let dump = try scratch.dump()
            #expect(dump.contains("account of snapchat"), "the dump holds the table's rows")
            for secret in stored { #expect(!dump.contains(secret.token), "plaintext in pg_dump") }

            let rotatedBox = SecretBox(keyring: try Keyring([Self.newKey, Self.oldKey]))
            let report = try await KeyRotation(database: database, box: rotatedBox, columns: [Self.column], logger: TestDatabase.logger).run()
            #expect(report.tenants == 2)
            #expect(report.resealed == 4)
            #expect(report.alreadyCurrent == 0)
            #expect(try await KeyRotation(database: database, box: rotatedBox, columns: [Self.column], logger: TestDatabase.logger).run().resealed == 0)

            let newOnly = SecretBox(keyring: try Keyring([Self.newKey]))
            for secret in stored {
                #expect(try await readCredentials(database, newOnly, tenant: secret.tenant, id: secret.id) == secret.token)
                do {
                    _ = try await readCredentials(database, oldBox, tenant: secret.tenant, id: secret.id)
                    Issue.record("still sealed under the old key")
                } catch let error as SecretsError {
                    #expect(error.code == .unknownKey)
                }
            }
            let dumpAfter = try scratch.dump()
            for secret in stored { #expect(!dumpAfter.contains(secret.token)) }
        }
    }

    @Test func aCiphertextMovedToAnotherTenantsRowFailsToOpen() async throws {
        let scratch = try await ScratchPostgres.migrated()
        defer { scratch.stop() }
        try await TestDatabase.withPool(size: 2, url: scratch.appURL) { pool in
            let database = Database(pool: pool)
            let box = SecretBox(keyring: try Keyring([Self.newKey]))
            let tenantA = try await TestDatabase.makeTenant(database)
            let tenantB = try await TestDatabase.makeTenant(database)
            let rowA = try await storeCredentials(database, box, tenant: tenantA, platform: "linkedin", token: "A's token")
            let rowB = try await storeCredentials(database, box, tenant: tenantB, platform: "linkedin", token: "B's token")
            // What an attacker with write access to the table could do: copy A's ciphertext into B's row.
            try scratch.psql(database: "attribution", """
                UPDATE attribution_platform_connections SET encrypted_credentials =
                  (SELECT encrypted_credentials FROM attribution_platform_connections WHERE id = '\(rowA.uuidString)')
                WHERE id = '\(rowB.uuidString)'
                """)
            do {
                _ = try await readCredentials(database, box, tenant: tenantB, id: rowB)
                Issue.record("B's row opened A's ciphertext")
            } catch let error as SecretsError {
                #expect(error.code == .authenticationFailed)
            }
            #expect(try await readCredentials(database, box, tenant: tenantA, id: rowA) == "A's token")
        }
    }
}
