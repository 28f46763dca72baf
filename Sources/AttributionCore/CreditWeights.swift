public import Foundation

/// The credit each model gives the touchpoints of one order: fractions that
/// sum to 1, in the order of the touchpoints given (chronological).
public enum CreditWeights {
    /// The share given to the first and to the last touchpoint by the
    /// position-based model when there are three or more (40% each).
    public static let positionEndShare = 0.4

    /// - Parameters:
    ///   - touches: the order's touchpoints inside the window, chronological; not empty.
    ///   - conversionTime: when the order was placed (for time decay).
    ///   - halfLife: time decay's half-life.
    public static func weights(
        _ model: AttributionModel, touches: [Touch], conversionTime: Date, halfLife: TimeInterval
    ) -> [Double] {
        let count = touches.count
        precondition(count > 0, "an order with no touchpoints is credited to direct, not to a model")
        switch model {
        case .firstTouch:
            return [1] + Array(repeating: 0, count: count - 1)
        case .lastTouch:
            return Array(repeating: 0, count: count - 1) + [1]
        case .linear:
            return Array(repeating: 1 / Double(count), count: count)
        case .timeDecay:
            let raw = touches.map { exp2(-max(0, conversionTime.timeIntervalSince($0.occurredAt)) / halfLife) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        case .positionBased:
            switch count {
            case 1: return [1]
            case 2: return [0.5, 0.5]
            default:
                let middle = (1 - 2 * positionEndShare) / Double(count - 2)
                return [positionEndShare] + Array(repeating: middle, count: count - 2) + [positionEndShare]
            }
        }
    }
}
