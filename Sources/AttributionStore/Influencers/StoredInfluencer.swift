public import Foundation

/// An influencer as stored: its id, fields and times.
public struct StoredInfluencer: Sendable, Equatable {
    public var id: UUID
    public var record: InfluencerRecord
    public var createdAt: Date
    public var updatedAt: Date
}
