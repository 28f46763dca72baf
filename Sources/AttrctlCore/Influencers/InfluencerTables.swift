import Foundation
import Foundation
import Protos
import SwiftProtobuf

/// The tables `attrctl influencers` prints.
enum InfluencerTables {
    static func money(_ money: Attribution_V1_Money) -> String {
        String(format: "%.2f %@", Double(money.amountMinor) / 100, money.currencyCode)
    }

    static func list(_ rows: [Attribution_V1_InfluencerWithMetrics]) -> String {
        TableRenderer(
            header: ["ID", "NAME", "STATUS", "CODES", "REVENUE", "CONVERSIONS", "AOV", "NEW %", "COMMISSION", "ROAS"],
            rows: rows.map { row in
                let i = row.influencer
                let m = row.metrics
                return [
                    i.id, i.name, i.status == .inactive ? "inactive" : "active", i.discountCodes.joined(separator: ","),
                    money(m.revenue), String(format: "%.2f", m.conversions), money(m.averageOrderValue),
                    String(format: "%.1f", m.newCustomerPercent), money(m.commissionEarned), String(format: "%.2f", m.roas),
                ]
            }
        ).render()
    }

    static func influencer(_ i: Attribution_V1_Influencer) -> String {
        TableRenderer(
            header: ["FIELD", "VALUE"],
            rows: [
                ["id", i.id], ["name", i.name], ["status", i.status == .inactive ? "inactive" : "active"],
                ["discount_codes", i.discountCodes.joined(separator: ", ")], ["creator_links", i.creatorLinks.joined(separator: ", ")],
                ["utm_patterns", i.utmPatterns.joined(separator: ", ")], ["landing_page_url", i.landingPageURL],
                ["commission_rate_bps", i.hasCommissionRateBps ? "\(i.commissionRateBps.value)" : ""],
                ["profile_image_url", i.profileImageURL], ["creator_id", i.creatorID],
            ]
        ).render()
    }
}
