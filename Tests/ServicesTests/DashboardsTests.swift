import Dashboards
import Foundation
import Protos
import SwiftProtobuf
import TestSupport
import Testing
import Wire

@Suite("Dashboards: per-user CRUD, defaults, versions", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DashboardsTests {
    typealias Fixture = DashboardsFixture

    @Test func aUserCreatesReadsChangesAndDeletesTheirDashboards() async throws {
        try await Fixture.with { fixture in
            let created = try await fixture.create("ana") {
                $0.name = "  Weekly  "
                $0.dateRangeDefault = .last7Days
                $0.refreshIntervalMinutes = .init(15)
                $0.widgets = [Fixture.widget("revenue", x: 0, y: 0)]
            }
            #expect(created.name == "Weekly" && created.version == 1 && created.ownerID == "ana" && !created.shared)
            #expect(created.dateRangeDefault == .last7Days && created.refreshIntervalMinutes.value == 15)
            let defaulted = try await fixture.create("ana") { $0.name = "Plain" }
            #expect(defaulted.dateRangeDefault == .last30Days && !defaulted.hasRefreshIntervalMinutes)
            #expect(try await fixture.get("ana", created.id) == created)

            let renamed = try await fixture.update("ana", created.id, ["name", "refresh_interval_minutes"], version: 1) {
                $0.name = "Monday"
                $0.description_p = "not in the mask"
            }
            #expect(renamed.name == "Monday" && renamed.description_p.isEmpty && !renamed.hasRefreshIntervalMinutes)
            #expect(renamed.version == 2 && renamed.widgets == created.widgets)
            #expect(try await fixture.list("ana").map(\.name) == ["Monday", "Plain"])

            try await fixture.delete("ana", created.id)
            let gone = await DirectCall.status { _ = try await fixture.get("ana", created.id) }
            #expect(gone?.code == .notFound)
            #expect(try await fixture.list("ana").map(\.name) == ["Plain"])
        }
    }

    @Test func badFieldsAreRefusedNamingThem() async throws {
        try await Fixture.with { fixture in
            let created = try await fixture.create("ana")
            let cases: [(String, () async throws -> Void)] = [
                ("dashboard.name", { _ = try await fixture.create("ana") { $0.name = " " } }),
                ("dashboard.name", { _ = try await fixture.create("ana") { $0.name = String(repeating: "n", count: 201) } }),
                ("dashboard.description", { _ = try await fixture.create("ana") { $0.description_p = String(repeating: "d", count: 2001) } }),
                ("dashboard.date_range_default", { _ = try await fixture.create("ana") { $0.dateRangeDefault = .lastMonth } }),
                ("dashboard.refresh_interval_minutes", { _ = try await fixture.create("ana") { $0.refreshIntervalMinutes = .init(0) } }),
                ("dashboard.refresh_interval_minutes", { _ = try await fixture.create("ana") { $0.refreshIntervalMinutes = .init(1441) } }),
                ("id", { _ = try await fixture.get("ana", "not-a-uuid") }),
                ("update_mask", { _ = try await fixture.update("ana", created.id, [], version: 1) }),
                ("update_mask", { _ = try await fixture.update("ana", created.id, ["version"], version: 1) }),
                ("dashboard.id", { _ = try await fixture.update("ana", "", ["name"], version: 1) }),
                ("dashboard.version", { _ = try await fixture.update("ana", created.id, ["name"]) { $0.name = "x" } }),
            ]
            for (field, call) in cases {
                let error = await DirectCall.status(call)
                #expect(error?.code == .invalidArgument, "\(field)")
                #expect(error?.message.hasPrefix(field + ":") == true, "expected \(field), got \(error?.message ?? "success")")
            }
            let page = await DirectCall.status {
                var request = Attribution_V1_ListDashboardsRequest()
                request.pageSize = -1
                _ = try await fixture.service.listDashboards(request, context: fixture.context("ana"))
            }
            #expect(page?.code == .invalidArgument)
            let service = await DirectCall.status { _ = try await fixture.service.listDashboards(.init(), context: fixture.context("ingest", kind: "service")) }
            #expect(service?.code == .permissionDenied)
            let data = await DirectCall.status { _ = try await fixture.service.getWidgetData(.init(), context: fixture.context("ana")) }
            #expect(data?.code == .invalidArgument && data?.message.hasPrefix("dashboard_id:") == true)
        }
    }

    @Test func aStaleUpdateIsAbortedUnlessItOverwrites() async throws {
        try await Fixture.with { fixture in
            let created = try await fixture.create("ana")
            let first = try await fixture.update("ana", created.id, ["description"], version: created.version) { $0.description_p = "first" }
            #expect(first.version == created.version + 1)
            let stale = await DirectCall.status {
                _ = try await fixture.update("ana", created.id, ["description"], version: created.version) { $0.description_p = "second" }
            }
            #expect(stale?.code == .aborted)
            #expect(stale?.message.contains("since version 1 (it is at version 2)") == true, "\(stale?.message ?? "")")
            #expect(try await fixture.get("ana", created.id).description_p == "first", "the stale change was not stored")
            let forced = try await fixture.update("ana", created.id, ["description"], overwrite: true) { $0.description_p = "second" }
            #expect(forced.description_p == "second" && forced.version == 3)
            // A stale default switch changes neither dashboard.
            let other = try await fixture.create("ana") { $0.isDefault = true }
            let staleDefault = await DirectCall.status { _ = try await fixture.update("ana", created.id, ["is_default"], version: 1) { $0.isDefault = true } }
            #expect(staleDefault?.code == .aborted)
            #expect(try await fixture.get("ana", other.id).isDefault)
        }
    }

    @Test func eachUserHasOneDefaultListedFirst() async throws {
        try await Fixture.with { fixture in
            let a = try await fixture.create("ana") { $0.name = "B"; $0.isDefault = true }
            let b = try await fixture.create("ana") { $0.name = "A"; $0.isDefault = true }
            let bob = try await fixture.create("bob") { $0.name = "Bob's"; $0.isDefault = true }
            #expect(try await fixture.list("ana").map { "\($0.name):\($0.isDefault)" } == ["A:true", "B:false"])
            _ = try await fixture.update("ana", a.id, ["is_default"], version: try await fixture.get("ana", a.id).version) { $0.isDefault = true }
            #expect(try await fixture.list("ana").map { "\($0.name):\($0.isDefault)" } == ["B:true", "A:false"])
            #expect(try await fixture.get("ana", b.id).version == b.version, "clearing a default is no edit of the other dashboard")
            #expect(try await fixture.get("bob", bob.id).isDefault, "another user's default is untouched")
        }
    }

    @Test func concurrentSetDefaultCallsLeaveExactlyOneDefault() async throws {
        let count = 8
        try await Fixture.with(connections: count + 1) { fixture in
            var ids: [String] = []
            for index in 0..<count { ids.append(try await fixture.create("ana") { $0.name = "d\(index)"; $0.isDefault = index == 0 }.id) }
            for _ in 0..<3 {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for id in ids.shuffled() {
                        group.addTask { _ = try await fixture.update("ana", id, ["is_default"], overwrite: true) { $0.isDefault = true } }
                    }
                    try await group.waitForAll()
                }
                let defaults = try await fixture.list("ana").filter(\.isDefault)
                #expect(defaults.count == 1)
            }
        }
    }

    @Test func usersSeeOnlyTheirOwnAndSharedDashboards() async throws {
        try await Fixture.with { fixture in
            try await fixture.grantAdmin("boss")
            let own = try await fixture.create("ana") { $0.name = "Private"; $0.isDefault = true }
            let shared = try await fixture.create("ana") { $0.name = "Team"; $0.shared = true }
            #expect(try await fixture.list("bob").map(\.name) == ["Team"])
            let seen = try await fixture.get("bob", shared.id)
            #expect(seen.ownerID == "ana" && !seen.isDefault)

            // Another user's private dashboard does not exist for bob, whatever he tries.
            for call in [
                { _ = try await fixture.get("bob", own.id) },
                { _ = try await fixture.update("bob", own.id, ["name"], overwrite: true) { $0.name = "mine" } },
                { try await fixture.delete("bob", own.id) },
                { _ = try await fixture.get("boss", own.id) },
            ] as [() async throws -> Void] {
                #expect(await DirectCall.status(call)?.code == .notFound)
            }
            // A shared one is readable but not writable by a non-admin; an admin may change it.
            let denied = await DirectCall.status { _ = try await fixture.update("bob", shared.id, ["name"], overwrite: true) { $0.name = "mine" } }
            #expect(denied?.code == .permissionDenied)
            #expect(await DirectCall.status { try await fixture.delete("bob", shared.id) }?.code == .permissionDenied)
            let renamed = try await fixture.update("boss", shared.id, ["name"], overwrite: true) { $0.name = "Team (tidied)" }
            #expect(renamed.name == "Team (tidied)" && renamed.ownerID == "ana")
            let notTheirs = await DirectCall.status { _ = try await fixture.update("boss", shared.id, ["is_default"], overwrite: true) { $0.isDefault = true } }
            #expect(notTheirs?.message.hasPrefix("dashboard.is_default:") == true, "\(notTheirs?.message ?? "")")
            try await fixture.delete("boss", shared.id)
            #expect(try await fixture.list("ana").map(\.name) == ["Private"])
        }
    }

    @Test func listPagesKeepTheDefaultFirstThenNames() async throws {
        try await Fixture.with { fixture in
            for name in ["e", "c", "a", "d", "b"] { _ = try await fixture.create("ana") { $0.name = name; $0.isDefault = name == "d" } }
            _ = try await fixture.create("bob") { $0.name = "bb"; $0.shared = true }
            var names: [String] = []
            var request = Attribution_V1_ListDashboardsRequest()
            request.pageSize = 2
            repeat {
                let page = try await fixture.service.listDashboards(request, context: fixture.context("ana"))
                names += page.dashboards.map(\.name)
                request.pageToken = page.nextPageToken
            } while !request.pageToken.isEmpty
            #expect(names == ["d", "a", "b", "bb", "c", "e"])
        }
    }
}
