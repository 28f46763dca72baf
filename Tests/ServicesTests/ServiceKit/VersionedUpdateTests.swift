import Foundation
import ServiceKit
import Storage
import TestSupport
import Testing
import Wire

@Suite("ServiceKit: optimistic concurrency", .enabled(if: TestEnvironment.hasDatabase, "needs PostgreSQL: run make test"))
struct VersionedUpdateTests {
    static let notes = VersionedUpdate(table: "kit_notes", resource: "note")

    /// A scratch table of the convention, with one row at version 1 (a
    /// temporary table: the pool has one connection, so every transaction
    /// below sees it, and nothing is left in the shared schema).
    static func withNote(_ body: (Database, UUID, UUID) async throws -> Void) async throws {
        try await KitDatabase.withTenant(poolSize: 1) { database, tenant in
            let id = UUID()
            try await database.withTenant(tenant) { tx in
                try await tx.query(
                    """
                    CREATE TEMP TABLE kit_notes (
                        tenant_id UUID NOT NULL, id UUID NOT NULL, text TEXT NOT NULL,
                        version BIGINT NOT NULL DEFAULT 1, PRIMARY KEY (tenant_id, id))
                    """)
                try await tx.query("INSERT INTO kit_notes (tenant_id, id, text) VALUES ($1, $2, 'first')", [tenant, id])
            }
            try await body(database, tenant, id)
        }
    }

    static func update(_ database: Database, _ tenant: UUID, _ id: UUID, from version: Int64?, text: String) async throws -> Int64 {
        try await database.withTenant(tenant) { tx in
            try await Self.notes.update(in: tx, id: id, expected: version, set: [("text", text)])
        }
    }

    /// "text@version" of the row.
    static func stored(_ database: Database, _ tenant: UUID, _ id: UUID) async throws -> String? {
        let rows = try await database.withTenant(tenant) {
            try await $0.query("SELECT text || '@' || version AS stored FROM kit_notes WHERE id = $1", [id])
        }
        return rows.first("stored")
    }

    @Test func anUpdateAtTheReadVersionBumpsItAndAStaleOneIsAborted() async throws {
        try await Self.withNote { database, tenant, id async throws in
            // Two callers read version 1; the first to write wins.
            #expect(try await Self.update(database, tenant, id, from: 1, text: "alice") == 2)
            await #expect(throws: VersionedUpdate.Stale(resource: "note", id: id, expected: 1, current: 2)) {
                try await Self.update(database, tenant, id, from: 1, text: "bob")
            }
            #expect(try await Self.stored(database, tenant, id) == "alice@2", "the stale write changed nothing")
            // Overwrite on request.
            #expect(try await Self.update(database, tenant, id, from: nil, text: "bob") == 3)
            #expect(try await Self.stored(database, tenant, id) == "bob@3")
        }
    }

    @Test func aMissingOrOtherTenantsRowIsNotFound() async throws {
        try await Self.withNote { database, tenant, id async throws in
            let missing = UUID()
            await #expect(throws: NotFound("note", id: missing.uuidString.lowercased())) {
                try await Self.update(database, tenant, missing, from: 1, text: "x")
            }
            await #expect(throws: NotFound("note", id: id.uuidString.lowercased())) {
                try await Self.update(database, UUID(), id, from: 1, text: "x")
            }
            #expect(try await Self.stored(database, tenant, id) == "first@1")
        }
    }

    @Test func theStatusesAndEtags() throws {
        let id = UUID(uuidString: "6F1C2B4E-0000-4000-8000-000000000001")!
        let stale = VersionedUpdate.Stale(resource: "dashboard", id: id, expected: 3, current: 5).rpcError
        #expect(stale.code == .aborted)
        #expect(stale.message == "dashboard 6f1c2b4e-0000-4000-8000-000000000001 was changed by someone else since version 3 "
            + "(it is at version 5); read it again or ask to overwrite")
        #expect(VersionedUpdate.etag(7) == "\"7\"")
        #expect(try VersionedUpdate.version(etag: "\"7\"") == 7)
        #expect(try VersionedUpdate.version(etag: "") == nil)
        #expect(throws: FieldError("dashboard.etag", "is not an etag this service returned; read the resource again")) {
            try VersionedUpdate.version(etag: "7", "dashboard.etag")
        }
    }
}
