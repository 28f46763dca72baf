public import Foundation
public import Storage

/// Match-key coverage of a tenant's Meta events, for the EMQ estimate: per
/// parameter, how many events carry a valid value; overall and per day.
public struct EMQReader: Sendable {
    /// Parameters and weights, in weight order (pixels.proto, GetEmqResponse).
    public static let weights: [(parameter: String, weight: Int)] = [
        ("em", 30), ("ph", 20), ("external_id", 10), ("fbc", 10), ("fbp", 8), ("client_ip_address", 5),
        ("client_user_agent", 5), ("fn", 2), ("ln", 2), ("zp", 2), ("db", 2), ("ct", 1), ("st", 1), ("country", 1),
        ("ge", 1),
    ]

    /// Event counts: all, and with a valid value per parameter.
    public struct Coverage: Sendable, Equatable {
        public var events: Int
        public var withParameter: [String: Int]

        public init(events: Int, withParameter: [String: Int]) {
            self.events = events
            self.withParameter = withParameter
        }

        /// 10 × Σ w(p) × c(p) ÷ 100; 0 without events.
        public var score: Double {
            guard events > 0 else { return 0 }
            let weighted = EMQReader.weights.reduce(0.0) { sum, entry in
                sum + Double(entry.weight) * Double(withParameter[entry.parameter] ?? 0) / Double(events)
            }
            return weighted / 10
        }

        public func coveragePercent(_ parameter: String) -> Double {
            events == 0 ? 0 : Double(withParameter[parameter] ?? 0) / Double(events) * 100
        }
    }

    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Coverage per UTC day of event_time in [start, end), keyed by `YYYY-MM-DD`.
    public func dailyCoverage(
        start: Date, end: Date, eventType: String?, tenantID: UUID
    ) async throws -> [String: Coverage] {
        let valid = Self.weights.map { entry in
            "count(*) FILTER (WHERE \(Self.validity(entry.parameter))) AS \"\(entry.parameter)\""
        }.joined(separator: ", ")
        return try await database.withTenant(tenantID, readOnly: true) { tx in
            var days: [String: Coverage] = [:]
            for row in try await tx.query(
                """
                SELECT (event_time AT TIME ZONE 'UTC')::date::text AS day, count(*) AS events, \(valid)
                FROM pixel_events
                WHERE platform = 'meta' AND event_time >= $1 AND event_time < $2 AND ($3::text IS NULL OR event_type = $3)
                GROUP BY 1
                """, [start, end, eventType])
            {
                var counts: [String: Int] = [:]
                for entry in Self.weights { counts[entry.parameter] = try row.decode(entry.parameter) }
                days[try row.decode("day")] = Coverage(events: try row.decode("events"), withParameter: counts)
            }
            return days
        }
    }

    /// The SQL condition for a valid value of `parameter` in `match_keys`.
    static func validity(_ parameter: String) -> String {
        switch parameter {
        case "fbc", "fbp": "match_keys->>'\(parameter)' ~ '^fb\\.[0-9]+\\.[0-9]+\\..+$'"
        case "client_ip_address", "client_user_agent": "coalesce(match_keys->>'\(parameter)', '') <> ''"
        default: "jsonb_array_length(coalesce(match_keys->'\(parameter)', '[]')) > 0"
        }
    }
}
