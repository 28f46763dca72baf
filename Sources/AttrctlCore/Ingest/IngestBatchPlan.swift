/// How a file's records are cut into requests: in order, each request at most
/// `maxCount` records and at most `maxBytes` encoded (the server's
/// MAX_MESSAGE_SIZE), so that no request is refused for its size. A record
/// too large to travel even alone is left out of every batch and listed in
/// `oversized`, so that it is refused by itself and its neighbours are sent.
struct IngestBatchPlan: Equatable {
    /// Positions (into the sizes given) of each request's records.
    var batches: [Range<Int>] = []
    /// Positions of the records that no request can carry.
    var oversized: [Int] = []

    /// Plans requests for records of `sizes` encoded bytes each.
    init(sizes: [Int], maxCount: Int, maxBytes: Int) {
        var start = 0
        var bytes = 0
        func cut(at end: Int) {
            if start < end { batches.append(start..<end) }
        }
        for (position, size) in sizes.enumerated() {
            let cost = Self.fieldCost(size)
            if cost > maxBytes {
                cut(at: position)
                oversized.append(position)
                start = position + 1
                bytes = 0
                continue
            }
            if position - start == maxCount || bytes + cost > maxBytes {
                cut(at: position)
                start = position
                bytes = 0
            }
            bytes += cost
        }
        cut(at: sizes.count)
    }

    /// The bytes a record of `size` adds to a request: the repeated field's
    /// one-byte tag (field numbers below 16), its length as a varint, the record.
    static func fieldCost(_ size: Int) -> Int {
        var varint = 1
        var rest = size >> 7
        while rest > 0 {
            varint += 1
            rest >>= 7
        }
        return 1 + varint + size
    }
}
