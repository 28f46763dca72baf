/// The marketing channels of the demo shop, with their campaigns and UTM source/medium.
struct DemoChannel: Sendable {
    var name: String
    var weight: Int
    var campaigns: [String]
    var source: String
    var medium: String

    static let all = [
        DemoChannel(name: "paid_social", weight: 25, campaigns: ["spring_launch", "retargeting_30d", "ugc_video"], source: "facebook", medium: "paid_social"),
        DemoChannel(name: "paid_search", weight: 20, campaigns: ["brand", "generic_shoes", "competitor"], source: "google", medium: "cpc"),
        DemoChannel(name: "email", weight: 15, campaigns: ["newsletter", "abandoned_cart", "winback"], source: "klaviyo", medium: "email"),
        DemoChannel(name: "organic_search", weight: 15, campaigns: [""], source: "google", medium: "organic"),
        DemoChannel(name: "tiktok_ads", weight: 10, campaigns: ["spark_ads", "creator_collab"], source: "tiktok", medium: "paid_social"),
        DemoChannel(name: "affiliate", weight: 8, campaigns: ["deal_sites", "cashback"], source: "impact", medium: "affiliate"),
        DemoChannel(name: "influencer", weight: 7, campaigns: ["alex_rivera", "maya_chen"], source: "instagram", medium: "influencer"),
    ]
}
