/// How well an event's keys identify a person; the raw value is what
/// `pixel_events.match_status` stores.
public enum MatchStatus: String, Sendable, CaseIterable {
    /// At least one strong identifier (email, phone, external id).
    case matched
    /// Browser keys or weak parameters only.
    case partial
    /// No key at all.
    case unmatched
}
