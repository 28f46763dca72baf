import Foundation
import Storage
import TestSupport
import Testing

/// Transaction settings are sent as `SET LOCAL name TO 'value'` (which Citus
/// propagates to its workers): the value is a quoted literal, whatever it
/// holds, and the name must be a dotted identifier.
@Suite("SET LOCAL settings", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct SetLocalTests {
    @Test(arguments: ["plain", "it's", "''; SELECT 1; --", "back\\slash", "ünïcode", ""])
    func aValueComesBackAsItWasSet(_ value: String) async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            let shown = try await pool.withTransaction(isolation: .readCommitted, settings: ["app.probe": value]) { tx in
                try await tx.query("SELECT current_setting('app.probe') AS v").first("v")
            }
            #expect(shown == value)
        }
    }

    @Test(arguments: ["app.Probe", "app.probe; RESET ALL", "app..probe", "app.probe'", ""])
    func aNameThatIsNotADottedIdentifierIsRefused(_ name: String) async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            await #expect(throws: PostgresError.self) {
                try await pool.withTransaction(isolation: .readCommitted, settings: [name: "x"]) { _ in
                    Issue.record("the body ran")
                }
            }
        }
    }
}
