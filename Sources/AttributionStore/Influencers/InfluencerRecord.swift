public import Foundation

/// An influencer's fields in their stored form (validated by the service).
public struct InfluencerRecord: Sendable, Equatable {
    public var name: String = ""
    public var profileImageURL: String?
    public var active: Bool = true
    /// As entered; unique per tenant ignoring case (`attribution_influencer_codes`).
    public var discountCodes: [String] = []
    public var creatorLinks: [String] = []
    /// Globs: `*` any run of characters, `?` one character, matched ignoring case.
    public var utmPatterns: [String] = []
    public var landingPageURL: String?
    /// Basis points, 0 to 10000; nil: no commission. Stored as a rate with 4 decimals.
    public var commissionRateBps: Int?
    public var creatorID: UUID?

    public init() {}

    /// Whether `other` differs in what matching reads (codes, links, patterns, landing page).
    public func changesRules(_ other: InfluencerRecord) -> Bool {
        discountCodes.map { $0.lowercased() } != other.discountCodes.map { $0.lowercased() }
            || creatorLinks != other.creatorLinks || utmPatterns != other.utmPatterns
            || landingPageURL != other.landingPageURL
    }
}
