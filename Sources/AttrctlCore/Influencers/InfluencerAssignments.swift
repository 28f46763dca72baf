import ArgumentParser
import Foundation
import Protos
import SwiftProtobuf

/// `--set field=value ...`, as `influencers create` and `update` take it: each
/// field given sets its value in the influencer and names it in the update
/// mask (in the order first given). Fields are influencers.proto's names.
/// discount_codes, creator_links and utm_patterns take a comma-separated
/// list, and repeating one appends (`--set discount_codes=` alone: none);
/// other fields may be given once. An empty value clears an optional field
/// (profile_image_url, landing_page_url, commission_rate_bps, creator_id).
struct InfluencerAssignments: ParsableArguments {
    @Option(
        name: .customLong("set"), parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "field=value: one of \(InfluencerAssignments.fields.joined(separator: ", ")). Lists take a comma list or repeat.",
            valueName: "field=value"))
    var assignments: [String] = []

    static let fields = [
        "name", "status", "discount_codes", "creator_links", "utm_patterns", "landing_page_url", "commission_rate_bps",
        "profile_image_url", "creator_id",
    ]
    static let listFields: Set<String> = ["discount_codes", "creator_links", "utm_patterns"]

    /// The influencer with the given fields set, and their mask paths.
    func influencer() throws -> (Attribution_V1_Influencer, [String]) {
        try Self.parse(assignments)
    }

    static func parse(_ assignments: [String]) throws -> (Attribution_V1_Influencer, [String]) {
        var influencer = Attribution_V1_Influencer()
        var paths: [String] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw ValidationError("--set \(assignment): give field=value (fields: \(fields.joined(separator: ", ")))")
            }
            let field = assignment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(assignment[assignment.index(after: equals)...])
            guard fields.contains(field) else {
                throw ValidationError("--set: unknown field \"\(field)\"; fields: \(fields.joined(separator: ", "))")
            }
            if paths.contains(field) && !listFields.contains(field) {
                throw ValidationError("--set \(field) is given twice; only discount_codes, creator_links and utm_patterns repeat")
            }
            try set(field, value, in: &influencer)
            if !paths.contains(field) { paths.append(field) }
        }
        return (influencer, paths)
    }

    private static func set(_ field: String, _ value: String, in influencer: inout Attribution_V1_Influencer) throws {
        switch field {
        case "name": influencer.name = value
        case "status":
            switch value.lowercased() {
            case "active": influencer.status = .active
            case "inactive": influencer.status = .inactive
            default: throw ValidationError("--set status=\(value): status must be active or inactive")
            }
        case "discount_codes": influencer.discountCodes += list(value)
        case "creator_links": influencer.creatorLinks += list(value)
        case "utm_patterns": influencer.utmPatterns += list(value)
        case "landing_page_url": influencer.landingPageURL = value
        case "profile_image_url": influencer.profileImageURL = value
        case "creator_id": influencer.creatorID = value
        case "commission_rate_bps":
            if let bps = try commission(value) {
                influencer.commissionRateBps = Google_Protobuf_Int32Value(bps)
            } else {
                influencer.clearCommissionRateBps()
            }
        default: break
        }
    }

    /// The comma-separated items, trimmed, empty ones left out.
    static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Basis points (0 to 10000), or a percentage with at most two decimals ("12.5%" is 1250); empty: none.
    static func commission(_ value: String) throws -> Int32? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let bad = ValidationError(
            "--set commission_rate_bps=\(value): give basis points 0 to 10000 (1250 is 12.5%) or a percentage such as 12.5%, or nothing for none")
        let bps: Int32
        if text.hasSuffix("%") {
            let number = text.dropLast().split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(number.count), let whole = Int32(number[0]), whole >= 0,
                  number.count == 1 || (1...2).contains(number[1].count) && number[1].allSatisfy(\.isNumber)
            else { throw bad }
            let decimals = number.count == 2 ? Int32(number[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
            guard whole <= 100 else { throw bad }
            bps = whole * 100 + decimals
        } else {
            guard let parsed = Int32(text) else { throw bad }
            bps = parsed
        }
        guard (0...10_000).contains(bps) else { throw bad }
        return bps
    }
}
