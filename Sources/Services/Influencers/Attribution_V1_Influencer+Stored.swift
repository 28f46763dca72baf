import AttributionStore
import Foundation
import Protos
import SwiftProtobuf

extension Attribution_V1_Influencer {
    /// The stored influencer as the API shows it.
    init(_ stored: StoredInfluencer) {
        self.init()
        id = stored.id.uuidString.lowercased()
        let record = stored.record
        name = record.name
        profileImageURL = record.profileImageURL ?? ""
        status = record.active ? .active : .inactive
        discountCodes = record.discountCodes
        creatorLinks = record.creatorLinks
        utmPatterns = record.utmPatterns
        landingPageURL = record.landingPageURL ?? ""
        if let bps = record.commissionRateBps { commissionRateBps = Google_Protobuf_Int32Value(Int32(bps)) }
        creatorID = record.creatorID?.uuidString.lowercased() ?? ""
        createTime = Google_Protobuf_Timestamp(date: stored.createdAt)
        updateTime = Google_Protobuf_Timestamp(date: stored.updatedAt)
    }
}
