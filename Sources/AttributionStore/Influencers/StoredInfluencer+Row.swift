import Foundation
import Storage

extension StoredInfluencer {
    /// The columns ``init(row:)`` reads; the commission as basis points.
    static let columns = """
        id, name, profile_image_url, status, discount_codes, creator_links, utm_patterns, landing_page,
        (commission_rate * 10000)::int AS commission_bps, creator_id, created_at, updated_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        var record = InfluencerRecord()
        record.name = try row.decode("name")
        record.profileImageURL = try row.decode("profile_image_url")
        record.active = try row.decode("status", as: String.self) == "active"
        record.discountCodes = try row.decode("discount_codes")
        record.creatorLinks = try row.decode("creator_links")
        record.utmPatterns = try row.decode("utm_patterns")
        record.landingPageURL = try row.decode("landing_page")
        record.commissionRateBps = try row.decode("commission_bps", as: Int?.self)
        record.creatorID = try row.decode("creator_id")
        self.record = record
        createdAt = try row.decode("created_at")
        updatedAt = try row.decode("updated_at")
    }
}
