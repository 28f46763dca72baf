/// Splits an amount of money in minor units by weights, so that the parts
/// are whole minor units that add up to the amount exactly (the largest
/// remainder method: each part is rounded down, then the units left over go
/// to the parts with the largest fractions, earlier parts first on a tie).
public enum MinorUnitAllocation {
    public static func split(_ amount: Int64, by weights: [Double]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let magnitude = amount.magnitude
        let exact = weights.map { Double(magnitude) * $0 }
        var parts = exact.map { UInt64($0.rounded(.down)) }
        var left = Int64(magnitude) - Int64(parts.reduce(0, +))
        let byRemainder = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
        var cursor = 0
        while left > 0 {
            parts[byRemainder[cursor % byRemainder.count]] += 1
            left -= 1
            cursor += 1
        }
        return parts.map { amount < 0 ? -Int64($0) : Int64($0) }
    }
}
