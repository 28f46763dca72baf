import Foundation
import Protos
import SwiftProtobuf
import Wire

/// The demo shop's influencers, on the discount codes and UTM campaigns the
/// demo data uses (`DemoDataset.discountCodes`, `DemoChannel.all`), so their
/// metrics are real right after `attrctl demo seed`. Created once: one with
/// the same name is kept as it is.
enum DemoInfluencers {
    static func all() -> [Attribution_V1_Influencer] {
        [
            influencer("Alex Rivera", codes: ["ALEX20"], patterns: ["alex_*"], links: ["https://instagram.com/alexrivera"], bps: 1000),
            influencer("Maya Chen", codes: ["MAYA15"], patterns: ["maya_*"], links: ["https://instagram.com/mayachen"], bps: 1250),
            influencer("Jordan Blake", codes: [], patterns: ["creator_collab"], links: ["https://www.tiktok.com/@jordanblake"], bps: 800),
            influencer("Sam Okafor", codes: ["SUMMER15"], patterns: ["spark_ads"], links: [], bps: 500),
            influencer("Priya Nair", codes: [], patterns: ["ugc_*"], links: [], bps: nil, active: false),
        ]
    }

    static func influencer(
        _ name: String, codes: [String], patterns: [String], links: [String], bps: Int32?, active: Bool = true
    ) -> Attribution_V1_Influencer {
        var influencer = Attribution_V1_Influencer()
        influencer.name = name
        influencer.status = active ? .active : .inactive
        influencer.discountCodes = codes
        influencer.utmPatterns = patterns
        influencer.creatorLinks = links
        influencer.landingPageURL = "https://shop.example.com/pages/\(name.lowercased().replacingOccurrences(of: " ", with: "-"))"
        if let bps { influencer.commissionRateBps = Google_Protobuf_Int32Value(bps) }
        return influencer
    }

    /// What `ensure` did.
    struct Outcome: Sendable, Equatable {
        /// The names created now.
        var created: [String] = []
        /// The names that already existed.
        var kept: [String] = []
        /// The rules version the metrics follow at the end.
        var rulesVersion: Int64 = 0
        /// False when the rules were still being applied to past orders when the wait ended.
        var applied = true
        /// Why nothing was done (e.g. the caller may not create influencers); nil otherwise.
        var skipped: String?
    }

    /// Creates the demo influencers that do not exist yet, then waits until
    /// the re-attribution job has applied the new rules to the orders
    /// already stored (polling ListInfluencers' rules version at growing
    /// intervals up to 2 s), all within `timeout`. A create that runs out of
    /// time (the job of the previous create holds the tenant's rules version
    /// while it matches past orders) is tried again, for the names still
    /// missing then, so none is created twice.
    static func ensure<C: Clock<Duration>>(
        _ client: Attribution_V1_InfluencersClient, timeout: Duration = .seconds(180), clock: C = ContinuousClock()
    ) async throws -> Outcome {
        var outcome = Outcome()
        let deadline = clock.now.advanced(by: timeout)
        var interval = Duration.milliseconds(100)
        func pause() async throws {
            try await clock.sleep(for: min(interval, max(.zero, clock.now.duration(to: deadline))))
            interval = min(interval * 2, .seconds(2))
        }
        var existing: Set<String>
        do {
            existing = try await names(client)
        } catch let error as RPCError where error.code == .permissionDenied {
            outcome.skipped = "the caller may not read influencers (\(error.message))"
            return outcome
        }
        outcome.kept = all().map(\.name).filter(existing.contains)
        var target: Int64 = 0
        var missing = all().filter { !existing.contains($0.name) }
        while let influencer = missing.first {
            var request = Attribution_V1_CreateInfluencerRequest()
            request.influencer = influencer
            do {
                let response = try await client.createInfluencer(request, timeout: .seconds(30))
                target = max(target, response.reattribution.rulesVersion)
                outcome.created.append(influencer.name)
                missing.removeFirst()
            } catch let error as RPCError where error.code == .permissionDenied {
                outcome.skipped = "the caller may not create influencers (\(error.message))"
                return outcome
            } catch let error as RPCError where [.deadlineExceeded, .unavailable, .aborted].contains(error.code) && clock.now < deadline {
                try await pause()
                existing = try await names(client)
                outcome.created += missing.map(\.name).filter(existing.contains)
                missing.removeAll { existing.contains($0.name) }
                target = max(target, 1)
            }
        }
        interval = .milliseconds(100)
        while true {
            var list = Attribution_V1_ListInfluencersRequest()
            list.pageSize = 1
            let response = try await client.listInfluencers(list, timeout: .seconds(30))
            outcome.rulesVersion = response.rulesVersion
            outcome.applied = response.rulesVersion >= target && !response.reattributionPending
            if outcome.applied || clock.now >= deadline { return outcome }
            try await pause()
        }
    }

    /// The names of the tenant's influencers, every page.
    static func names(_ client: Attribution_V1_InfluencersClient) async throws -> Set<String> {
        var names: Set<String> = []
        var request = Attribution_V1_ListInfluencersRequest()
        request.pageSize = 200
        repeat {
            let response = try await client.listInfluencers(request, timeout: .seconds(30))
            names.formUnion(response.influencers.map(\.influencer.name))
            request.pageToken = response.nextPageToken
        } while !request.pageToken.isEmpty
        return names
    }

    /// The outcome as one line, or a JSON object.
    static func report(_ outcome: Outcome, format: OutputFormat) throws -> String {
        if format == .json {
            let object: [String: Any] = [
                "influencers_created": outcome.created, "influencers_kept": outcome.kept,
                "rules_version": outcome.rulesVersion, "rules_applied": outcome.applied, "skipped": outcome.skipped ?? "",
            ]
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        if let skipped = outcome.skipped {
            return "influencers: skipped, \(skipped); run attrctl demo seed as the tenant's admin to add them"
        }
        let created = outcome.created.isEmpty ? "none created" : "created \(outcome.created.joined(separator: ", "))"
        let kept = outcome.kept.isEmpty ? "" : "; kept \(outcome.kept.joined(separator: ", "))"
        let state = outcome.applied
            ? "rules version \(outcome.rulesVersion) applied"
            : "rules still being applied to past orders (a background job; attrctl influencers list says when)"
        return "influencers: \(created)\(kept); \(state)"
    }
}
