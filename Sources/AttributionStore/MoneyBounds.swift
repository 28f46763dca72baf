/// The largest amounts attrd stores (ingest.proto, docs/ATTRIBUTION.md).
///
/// The daily roll-up sums amounts in 64-bit integers; these bounds keep
/// every sum in range, so that no record can fail the records beside it at
/// write time. A report spans at most `MetricsQuery.maximumDays` (731) days
/// at `maximumDailyRevenueMinor` each: 7.31 × 10¹⁸, under `Int64.max`.
public enum MoneyBounds {
    /// The most one amount (an order's revenue, an event's value) may be, in minor units: 10¹⁵.
    public static let maximumAmountMinor: Int64 = 1_000_000_000_000_000
    /// The most a tenant's orders placed on one UTC day may total, in minor units: 10¹⁶.
    public static let maximumDailyRevenueMinor: Int64 = 10_000_000_000_000_000
}
