import AttributionCore
public import Foundation
public import Storage

/// Reads the daily roll-up for the services that show attributed
/// performance (Pixels, Influencers, Reports, Exports, Dashboards).
public struct MetricsReader: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The query's rows, per-channel and overall totals, each with the
    /// previous period's for deltas.
    public func report(_ query: MetricsQuery, tenantID: UUID) async throws -> MetricsReport {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            // One statement for both periods (they are contiguous): on Citus
            // each statement is a round trip from the coordinator to the shard.
            let both = try await Self.rows(query.throughPreviousPeriod, in: tx)
            let rows = both.filter { $0.day >= query.first }
            let previous = both.filter { $0.day < query.first }
            var totals = MetricTotals()
            var previousTotals = MetricTotals()
            var byChannel: [String: MetricsReport.Channel] = [:]
            func channel(_ name: String) -> MetricsReport.Channel {
                byChannel[name] ?? MetricsReport.Channel(channel: name, totals: MetricTotals(), previousTotals: MetricTotals())
            }
            for row in rows {
                totals.add(row.totals)
                var entry = channel(row.channel)
                entry.totals.add(row.totals)
                byChannel[row.channel] = entry
            }
            for row in previous {
                previousTotals.add(row.totals)
                var entry = channel(row.channel)
                entry.previousTotals.add(row.totals)
                byChannel[row.channel] = entry
            }
            let channels = byChannel.values.sorted {
                ($0.totals.revenueMinor, $1.channel) > ($1.totals.revenueMinor, $0.channel)
            }
            return MetricsReport(rows: rows, channels: channels, totals: totals, previousTotals: previousTotals)
        }
    }

    static func rows(_ query: MetricsQuery, in tx: TenantTransaction) async throws -> [MetricsReport.Row] {
        try await tx.query(
            """
            SELECT day::text AS day, channel, sum(conversions)::text AS conversions, sum(revenue_minor) AS revenue,
                sum(spend_minor) AS spend, min(currency) AS currency
            FROM attribution_daily_metrics
            WHERE tenant_id = $6 AND model = $1 AND attribution_window = $2 AND day BETWEEN $3::date AND $4::date
              AND (cardinality($5::text[]) = 0 OR channel = ANY($5::text[]))
            GROUP BY day, channel ORDER BY day, channel
            """,
            [query.model.rawValue, query.window.rawValue, query.first.description, query.last.description, query.channels,
             tx.tenantID]
        ).map { row in
            let text: String = try row.decode("day")
            guard let day = CalendarDay(iso: text) else {
                throw PostgresError(code: .decodingFailed, message: "'\(text)' is not a YYYY-MM-DD date")
            }
            return MetricsReport.Row(
                day: day, channel: try row.decode("channel"),
                totals: MetricTotals(
                    revenueMinor: try row.decode("revenue"), conversions: try row.decode("conversions"),
                    spendMinor: try row.decode("spend"), currency: try row.decode("currency")))
        }
    }
}
