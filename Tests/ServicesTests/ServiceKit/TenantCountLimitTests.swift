import Foundation
import ServiceKit
import Storage
import TestSupport
import Testing
import Wire

@Suite("ServiceKit: per-tenant count limits", .enabled(if: TestEnvironment.hasDatabase, "needs PostgreSQL: run make test"))
struct TenantCountLimitTests {
    static let limit = TenantCountLimit("influencers", table: "attribution_influencers", maximum: 5)

    static func create(_ database: Database, _ tenant: UUID, _ name: String) async throws {
        try await database.withTenant(tenant) { tx in
            try await Self.limit.reserve(in: tx)
            try await tx.query("INSERT INTO attribution_influencers (tenant_id, name) VALUES ($1, $2)", [tenant, name])
        }
    }

    @Test func concurrentCreatesStopExactlyAtTheLimit() async throws {
        // One connection per create, so each waits on the lock, not on the pool.
        try await KitDatabase.withTenant(poolSize: 12) { database, tenant in
            let outcomes = await withTaskGroup(of: (any Error)?.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            try await Self.create(database, tenant, "influencer \(index)")
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                return await group.reduce(into: [(any Error)?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == nil }.count == 5)
            let refusals = outcomes.compactMap { $0 }
            #expect(refusals.count == 7)
            for refusal in refusals {
                #expect((refusal as? TenantCountLimit.Reached) == TenantCountLimit.Reached(resource: "influencers", maximum: 5), "\(refusal)")
            }
            let stored = try await database.withTenant(tenant) { try await $0.query("SELECT count(*) AS n FROM attribution_influencers") }
            #expect(stored.first("n") == "5")
        }
    }

    @Test func theRefusalIsFailedPreconditionNamingTheLimit() {
        let status = TenantCountLimit.Reached(resource: "dashboards", maximum: 50).rpcError
        #expect(status.code == .failedPrecondition)
        #expect(status.message == "the limit of 50 dashboards per tenant is reached; delete one before creating another")
    }

    @Test func anotherTenantsRowsDoNotCount() async throws {
        try await KitDatabase.withTenant { database, full in
            for index in 0..<5 { try await Self.create(database, full, "\(index)") }
            await #expect(throws: TenantCountLimit.Reached.self) { try await Self.create(database, full, "sixth") }
            try await KitDatabase.withTenant { other, empty in
                try await Self.create(other, empty, "first")
            }
        }
    }
}
