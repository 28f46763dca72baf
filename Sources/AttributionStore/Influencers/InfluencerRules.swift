public import AttributionCore
public import Foundation
public import Storage

/// The tenant's matching-rules versions and the rules copy matching reads.
///
/// A change of an influencer's codes, links or patterns (or a create or
/// delete) calls ``bump(in:)`` in its transaction: the tenant's `version`
/// grows. The re-attribution job then calls ``apply(in:)``: in one
/// transaction it copies the influencers' rules into
/// `attribution_influencer_rules`, matches the orders of the period again
/// and sets `applied_version`. Ingest matches against the copy, so the
/// stored credits follow exactly `applied_version` at every commit.
public enum InfluencerRules {
    /// How far back the job matches orders again: every day GetInfluencerMetrics
    /// can show (a period of up to 366 days ending today, and the previous one).
    public static let reattributedDays = 733

    /// The tenant's rules versions.
    public struct Versions: Sendable, Equatable {
        /// The latest rules version.
        public var version: Int64
        /// The version the stored credits follow.
        public var applied: Int64
        public var pending: Bool { applied < version }
    }

    /// Starts a new rules version; returns it.
    public static func bump(in tx: TenantTransaction) async throws -> Int64 {
        let rows = try await tx.query(
            """
            INSERT INTO attribution_influencer_rules_versions AS v (tenant_id, version) VALUES (app_current_tenant(), 1)
            ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1
            RETURNING version
            """)
        return Int64(rows.first("version") ?? "1") ?? 1
    }

    public static func versions(in tx: TenantTransaction) async throws -> Versions {
        let rows = try await tx.query(
            "SELECT version, applied_version FROM attribution_influencer_rules_versions WHERE tenant_id = $1", [tx.tenantID])
        guard let row = rows.first else { return Versions(version: 0, applied: 0) }
        return Versions(version: try row.decode("version"), applied: try row.decode("applied_version"))
    }

    /// Applies the latest rules when they are not yet applied: returns the
    /// version applied, or nil when there was nothing to do. Takes the
    /// tenant's attribution lock, so no ingest runs meanwhile.
    @discardableResult
    public static func apply(today: CalendarDay, in tx: TenantTransaction) async throws -> Int64? {
        try await AttributionLock.acquire(in: tx)
        let rows = try await tx.query(
            """
            SELECT version, applied_version FROM attribution_influencer_rules_versions
            WHERE tenant_id = $1 FOR UPDATE
            """, [tx.tenantID])
        guard let row = rows.first else { return nil }
        let version: Int64 = try row.decode("version")
        let applied: Int64 = try row.decode("applied_version")
        guard applied < version else { return nil }
        try await copyRules(in: tx)
        try await InfluencerMatching.run(since: today.adding(days: -(reattributedDays - 1)), in: tx)
        try await tx.query(
            """
            UPDATE attribution_influencer_rules_versions SET applied_version = $1, applied_at = now()
            WHERE tenant_id = $2
            """, [version, tx.tenantID])
        return version
    }

    /// Replaces the rules copy with the influencers' current codes, UTM
    /// patterns (glob to LIKE: `\`, `%` and `_` escaped, `*` to `%`, `?` to
    /// `_`) and links (without query string and fragment), all lower-case,
    /// each with its literal prefix (a pattern's text before its first `*`
    /// or `?`; a code or link whole), which matching looks rules up by.
    static func copyRules(in tx: TenantTransaction) async throws {
        try await tx.query("DELETE FROM attribution_influencer_rules WHERE tenant_id = $1", [tx.tenantID])
        try await tx.query(
            #"""
            INSERT INTO attribution_influencer_rules (tenant_id, influencer_id, kind, pattern, prefix)
            SELECT $1::uuid, influencer_id, 'code', code_key, code_key FROM attribution_influencer_codes
            WHERE tenant_id = $1::uuid
            UNION
            SELECT $1::uuid, i.id, 'utm', replace(replace(replace(replace(replace(lower(p),
                '\', '\\'), '%', '\%'), '_', '\_'), '*', '%'), '?', '_'),
                split_part(split_part(lower(p), '*', 1), '?', 1)
            FROM attribution_influencers i CROSS JOIN LATERAL unnest(i.utm_patterns) AS p
            WHERE i.tenant_id = $1::uuid
            UNION
            SELECT $1::uuid, i.id, 'link', lower(split_part(split_part(link, '#', 1), '?', 1)),
                lower(split_part(split_part(link, '#', 1), '?', 1))
            FROM attribution_influencers i
                CROSS JOIN LATERAL unnest(i.creator_links || coalesce(i.landing_page, '')) AS link
            WHERE i.tenant_id = $1::uuid AND link <> ''
            ON CONFLICT DO NOTHING
            """#, [tx.tenantID])
    }
}
