/// What ingesting a file did, summed over its batches; record indexes are
/// positions in the file.
struct IngestOutcome: Sendable {
    struct Rejection: Sendable {
        var index: Int
        var field: String
        var reason: String
    }

    var accepted = 0
    /// Records already stored, conflicts included.
    var duplicates = 0
    var rejected: [Rejection] = []
    /// Duplicates whose content differs from the stored record (which stays).
    var conflicts: [Rejection] = []
    /// Touchpoints only: orders attributed again.
    var ordersReattributed: Int?

    mutating func add(_ other: IngestOutcome) {
        accepted += other.accepted
        duplicates += other.duplicates
        rejected += other.rejected
        conflicts += other.conflicts
        if let count = other.ordersReattributed { ordersReattributed = (ordersReattributed ?? 0) + count }
    }
}
