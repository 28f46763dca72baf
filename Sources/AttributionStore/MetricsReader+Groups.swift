import AttributionCore
public import Foundation
public import Storage

extension MetricsReader {
    /// The query's range grouped by `grouping` (one statement, one index
    /// range: the roll-up's (tenant, model, window, day) index).
    public func groups(_ query: MetricsQuery, by grouping: MetricsGrouping, tenantID: UUID) async throws -> MetricsGroups {
        try await database.withTenant(tenantID, readOnly: true) { tx in try await Self.groups(query, by: grouping, in: tx) }
    }

    /// The query's range and `comparison`'s (e.g. `query.previousPeriod`),
    /// grouped alike, in one statement when the two ranges do not overlap and
    /// differ only in days (as `previousPeriod` and `shifted(periods:)` do):
    /// on Citus every statement is a round trip from the coordinator to the
    /// tenant's shard. Otherwise two statements in one transaction.
    public func groups(
        _ query: MetricsQuery, comparedWith comparison: MetricsQuery, by grouping: MetricsGrouping, tenantID: UUID
    ) async throws -> (current: MetricsGroups, comparison: MetricsGroups) {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            guard Self.readTogether(query, comparison) else {
                return (try await Self.groups(query, by: grouping, in: tx), try await Self.groups(comparison, by: grouping, in: tx))
            }
            let rows = try await Self.groupRows(
                query, by: grouping, comparison: (first: comparison.first, last: comparison.last), in: tx)
            return (
                Self.assemble(rows.filter(\.current).map { ($0.group, $0.selected) }, query: query, grouping: grouping),
                Self.assemble(rows.filter { !$0.current }.map { ($0.group, $0.selected) }, query: comparison, grouping: grouping)
            )
        }
    }

    public static func groups(_ query: MetricsQuery, by grouping: MetricsGrouping, in tx: TenantTransaction) async throws -> MetricsGroups {
        let rows = try await groupRows(query, by: grouping, comparison: nil, in: tx)
        return assemble(rows.map { ($0.group, $0.selected) }, query: query, grouping: grouping)
    }

    /// Whether `query` and `comparison` can be read by one statement: the
    /// same model, window and channels, and days that do not overlap.
    static func readTogether(_ query: MetricsQuery, _ comparison: MetricsQuery) -> Bool {
        query.model == comparison.model && query.window == comparison.window && query.channels == comparison.channels
            && (comparison.last < query.first || query.last < comparison.first)
    }

    /// One statement over `query`'s range and, when given, `comparison`'s days
    /// (`$7`, `$8`) too; each row says which range it belongs to.
    static func groupRows(
        _ query: MetricsQuery, by grouping: MetricsGrouping, comparison: (first: CalendarDay, last: CalendarDay)?,
        in tx: TenantTransaction
    ) async throws -> [(group: MetricsGroup, selected: Bool, current: Bool)] {
        let selected = "(cardinality($5::text[]) = 0 OR channel = ANY($5::text[]))"
        var parameters: [any PostgresEncodable] = [
            query.model.rawValue, query.window.rawValue, query.first.description, query.last.description, query.channels,
            tx.tenantID,
        ]
        let days: String, side: String, first: String
        if let comparison {
            parameters += [comparison.first.description, comparison.last.description]
            days = "(day BETWEEN $3::date AND $4::date OR day BETWEEN $7::date AND $8::date)"
            side = "day BETWEEN $3::date AND $4::date"
            first = "CASE WHEN day BETWEEN $3::date AND $4::date THEN $3::date ELSE $7::date END"
        } else {
            days = "day BETWEEN $3::date AND $4::date"
            side = "true"
            first = "$3::date"
        }
        return try await tx.query(
            """
            SELECT \(grouping.keyColumns(first: first)),
                COALESCE(sum(conversions) FILTER (WHERE \(selected)), 0)::text AS conversions,
                COALESCE(sum(revenue_minor) FILTER (WHERE \(selected)), 0)::bigint AS revenue,
                COALESCE(sum(spend_minor) FILTER (WHERE \(selected)), 0)::bigint AS spend,
                min(currency) FILTER (WHERE \(selected)) AS currency,
                COALESCE(sum(revenue_minor), 0)::bigint AS all_revenue,
                bool_or(\(selected)) AS any_selected,
                \(side) AS in_current
            FROM attribution_daily_metrics
            WHERE tenant_id = $6 AND model = $1 AND attribution_window = $2 AND \(days)
            \(grouping.groupBy(side: comparison == nil ? nil : 10))
            """,
            parameters
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
            return (group, try row.decode("any_selected", as: Bool?.self) ?? false, try row.decode("in_current", as: Bool.self))
        }
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
