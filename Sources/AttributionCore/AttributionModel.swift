/// How an order's credit is spread over the touchpoints before it
/// (docs/ATTRIBUTION.md gives the formulas). The raw value is what the
/// database stores in `attribution_results.model` and `attribution_daily_metrics.model`.
public enum AttributionModel: String, Sendable, Hashable, CaseIterable {
    case firstTouch = "first_touch"
    case lastTouch = "last_touch"
    case linear
    case timeDecay = "time_decay"
    case positionBased = "position_based"
}
