import Storage

extension InfluencersFixture {
    /// The benchmarks' influencers, in `tx` (the fixture tenant's): the
    /// tenant's row, then `count` influencers named `Influencer 0000` ...,
    /// influencer k with code CODEk, UTM pattern `infl_k_*` and link
    /// https://creator.example/k, and their codes' keys. Their rules are not
    /// applied: each benchmark does that as it needs.
    static func insertBenchInfluencers(_ count: Int, in tx: TenantTransaction) async throws {
        try await tx.query("INSERT INTO tenants (id, name) VALUES (app_current_tenant(), 'bench') ON CONFLICT DO NOTHING")
        try await tx.query(
            """
            INSERT INTO attribution_influencers (tenant_id, id, name, discount_codes, utm_patterns, creator_links, commission_rate)
            SELECT $1::uuid, gen_random_uuid(), 'Influencer ' || lpad(k::text, 4, '0'), ARRAY['CODE' || k],
                ARRAY['infl_' || k || '_*'], ARRAY['https://creator.example/' || k], 0.1
            FROM generate_series(0, $2::int - 1) k
            """, [tx.tenantID, count])
        try await tx.query(
            """
            INSERT INTO attribution_influencer_codes (tenant_id, code_key, influencer_id)
            SELECT tenant_id, lower(discount_codes[1]), id FROM attribution_influencers WHERE tenant_id = $1
            """, [tx.tenantID])
    }
}
