import AttributionCore
public import Foundation
public import Storage

extension MetricsReader {
    /// The query's range grouped by `grouping` (one statement, one index
    /// range: the roll-up's (tenant, model, window, day) index).
    public func groups(_ query: MetricsQuery, by grouping: MetricsGrouping, tenantID: UUID) async throws -> MetricsGroups {
        try await database.withTenant(tenantID, readOnly: true) { tx in try await Self.groups(query, by: grouping, in: tx) }
    }

    /// The query's range and `comparison`'s (e.g. `query.previousPeriod`), grouped alike, read in one transaction.
    public func groups(
        _ query: MetricsQuery, comparedWith comparison: MetricsQuery, by grouping: MetricsGrouping, tenantID: UUID
    ) async throws -> (current: MetricsGroups, comparison: MetricsGroups) {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            (try await Self.groups(query, by: grouping, in: tx), try await Self.groups(comparison, by: grouping, in: tx))
        }
    }

    public static func groups(_ query: MetricsQuery, by grouping: MetricsGrouping, in tx: TenantTransaction) async throws -> MetricsGroups {
        let selected = "(cardinality($5::text[]) = 0 OR channel = ANY($5::text[]))"
        let rows = try await tx.query(
            """
            SELECT \(grouping.keyColumns),
                COALESCE(sum(conversions) FILTER (WHERE \(selected)), 0)::text AS conversions,
                COALESCE(sum(revenue_minor) FILTER (WHERE \(selected)), 0)::bigint AS revenue,
                COALESCE(sum(spend_minor) FILTER (WHERE \(selected)), 0)::bigint AS spend,
                min(currency) FILTER (WHERE \(selected)) AS currency,
                COALESCE(sum(revenue_minor), 0)::bigint AS all_revenue,
                bool_or(\(selected)) AS any_selected
            FROM attribution_daily_metrics
            WHERE tenant_id = $6 AND model = $1 AND attribution_window = $2
              AND day BETWEEN $3::date AND $4::date
            \(grouping.groupBy)
            """,
            [
                query.model.rawValue, query.window.rawValue, query.first.description, query.last.description, query.channels,
                tx.tenantID,
            ]
        ).map { row in
            let period: String? = try row.decode("period", as: String?.self)
            let day = try period.map { text in
                guard let day = CalendarDay(iso: text) else {
                    throw PostgresError(code: .decodingFailed, message: "'\(text)' is not a YYYY-MM-DD date")
                }
                return day
            }
            let group = MetricsGroup(
                channel: try row.decode("channel"), campaign: try row.decode("campaign"), period: day,
                totals: MetricTotals(
                    revenueMinor: try row.decode("revenue"), conversions: try row.decode("conversions"),
                    spendMinor: try row.decode("spend"), currency: try row.decode("currency", as: String?.self)),
                allChannelsRevenueMinor: try row.decode("all_revenue"))
            return (group, try row.decode("any_selected", as: Bool?.self) ?? false)
        }
        return assemble(rows, query: query, grouping: grouping)
    }

    /// Groups the statement's rows: selected channels only, zero-filled periods, the sum.
    static func assemble(_ rows: [(MetricsGroup, selected: Bool)], query: MetricsQuery, grouping: MetricsGrouping) -> MetricsGroups {
        var total = MetricsGroup()
        for (group, _) in rows {
            total.totals.add(group.totals)
            total.allChannelsRevenueMinor += group.allChannelsRevenueMinor
        }
        var groups: [MetricsGroup]
        switch grouping {
        case .total:
            groups = [total]
        case .channel, .campaign:
            groups = rows.filter(\.selected).map {
                var group = $0.0
                group.allChannelsRevenueMinor = total.allChannelsRevenueMinor
                return group
            }
        case .day, .week, .month:
            let byPeriod = Dictionary(rows.compactMap { row in row.0.period.map { ($0, row.0) } }, uniquingKeysWith: { first, _ in first })
            groups = grouping.periods(from: query.first, through: query.last).map { byPeriod[$0] ?? MetricsGroup(period: $0) }
        }
        return MetricsGroups(grouping: grouping, groups: groups, total: total)
    }
}
