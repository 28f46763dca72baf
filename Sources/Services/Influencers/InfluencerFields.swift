import AttributionStore
import Foundation
import Protos
import ServiceKit
import SwiftProtobuf

/// The influencer's updatable fields, each validated into its stored form:
/// UpdateInfluencer applies the fields of its mask, CreateInfluencer all of them.
enum InfluencerFields {
    static let maximumCodes = 50
    static let maximumLinks = 50
    static let maximumPatterns = 50
    /// The paths whose change changes which orders are credited.
    static let rulePaths: Set<String> = ["discount_codes", "creator_links", "utm_patterns", "landing_page_url"]

    static let update = FieldMaskUpdate<Attribution_V1_Influencer, InfluencerRecord>([
        .init("name") { input, record throws(FieldError) in
            record.name = try Validate.required(input.name, "influencer.name", maximum: 200)
        },
        .init("profile_image_url") { input, record throws(FieldError) in
            record.profileImageURL = try httpsURL(input.profileImageURL, "influencer.profile_image_url")
        },
        .init("status") { input, record throws(FieldError) in
            switch input.status {
            case .unspecified, .active: record.active = true
            case .inactive: record.active = false
            case .UNRECOGNIZED: throw FieldError("influencer.status", "is not a known status")
            }
        },
        .init("discount_codes") { input, record throws(FieldError) in
            record.discountCodes = try codes(input.discountCodes)
        },
        .init("creator_links") { input, record throws(FieldError) in
            record.creatorLinks = try Validate.list(
                input.creatorLinks, "influencer.creator_links", maximum: maximumLinks, noun: "links"
            ) { value, name throws(FieldError) in
                try Validate.absoluteURL(value, name).absoluteString
            }
        },
        .init("utm_patterns") { input, record throws(FieldError) in
            record.utmPatterns = try Validate.list(
                input.utmPatterns, "influencer.utm_patterns", maximum: maximumPatterns, noun: "patterns", element: UTMGlob.validate)
        },
        .init("landing_page_url") { input, record throws(FieldError) in
            record.landingPageURL = try httpsURL(input.landingPageURL, "influencer.landing_page_url")
        },
        .init("commission_rate_bps") { input, record throws(FieldError) in
            guard input.hasCommissionRateBps else {
                record.commissionRateBps = nil
                return
            }
            let bps = input.commissionRateBps.value
            guard (0...10_000).contains(bps) else {
                throw FieldError("influencer.commission_rate_bps", "must be 0 to 10000 basis points (0 to 100%)")
            }
            record.commissionRateBps = Int(bps)
        },
        .init("creator_id") { input, record throws(FieldError) in
            record.creatorID = input.creatorID.isEmpty ? nil : try Validate.uuid(input.creatorID, "influencer.creator_id")
        },
    ])

    /// Every field of `influencer`, for a create.
    static func record(_ influencer: Attribution_V1_Influencer) throws(FieldError) -> InfluencerRecord {
        var record = InfluencerRecord()
        try update.select(Google_Protobuf_FieldMask(protoPaths: update.paths)).apply(influencer, to: &record)
        return record
    }

    /// An optional https URL; nil when empty.
    static func httpsURL(_ value: String, _ field: String) throws(FieldError) -> String? {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try Validate.absoluteURL(value, field).absoluteString
    }

    /// At most 50 codes of 1 to 100 characters without spaces or control
    /// characters, distinct ignoring case.
    static func codes(_ values: [String]) throws(FieldError) -> [String] {
        let field = "influencer.discount_codes"
        let checked = try Validate.list(values, field, maximum: maximumCodes, noun: "codes") { value, name throws(FieldError) in
            let code = try Validate.required(value, name, maximum: 100)
            guard !code.unicodeScalars.contains(where: {
                $0.properties.isWhitespace || $0.properties.generalCategory == .control
            }) else { throw FieldError(name, "contains a space or control character") }
            return code
        }
        var seen: [String: Int] = [:]
        for (index, code) in checked.enumerated() {
            if let first = seen[code.lowercased()] {
                throw FieldError("\(field)[\(index)]", "repeats \(field)[\(first)] (codes are compared ignoring case)")
            }
            seen[code.lowercased()] = index
        }
        return checked
    }
}
