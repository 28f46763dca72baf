public import Foundation
public import Storage

/// Influencers (`attribution_influencers`, with their codes in
/// `attribution_influencer_codes`), row-level security per tenant. The
/// writes are steps of the caller's tenant transaction, so the service
/// combines them with the rules version and the re-attribution job.
public struct InfluencerStore: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public static let table = "attribution_influencers"

    /// A discount code that already belongs to another influencer of the tenant.
    public struct CodeTaken: Error, Sendable, Equatable {
        /// The code as the request gave it.
        public var code: String
        /// Its index in the request's list.
        public var index: Int
    }

    /// Inserts the influencer (and the tenant's row on its first write) with its codes.
    public func insert(_ record: InfluencerRecord, now: Date, in tx: TenantTransaction) async throws -> UUID {
        try await TenantProvisioner.insertRow(in: tx)
        let rows = try await tx.query(
            """
            INSERT INTO attribution_influencers (tenant_id, name, profile_image_url, status, discount_codes, creator_links,
                utm_patterns, landing_page, commission_rate, creator_id, created_at, updated_at)
            VALUES (app_current_tenant(), $1, $2, $3, $4, $5, $6, $7, $8::int / 10000.0, $9::uuid, $10, $10)
            RETURNING id
            """, Self.values(record) + [now])
        let id = try UUID(postgresText: rows.first("id") ?? "")
        try await replaceCodes(of: id, record.discountCodes, in: tx)
        return id
    }

    public func update(_ id: UUID, _ record: InfluencerRecord, codesChanged: Bool, now: Date, in tx: TenantTransaction) async throws {
        try await tx.query(
            """
            UPDATE attribution_influencers SET name = $1, profile_image_url = $2, status = $3, discount_codes = $4,
                creator_links = $5, utm_patterns = $6, landing_page = $7, commission_rate = $8::int / 10000.0,
                creator_id = $9::uuid, updated_at = $10
            WHERE tenant_id = $12 AND id = $11
            """, Self.values(record) + [now, id, tx.tenantID])
        if codesChanged { try await replaceCodes(of: id, record.discountCodes, in: tx) }
    }

    private static func values(_ record: InfluencerRecord) -> [any PostgresEncodable] {
        [
            record.name, record.profileImageURL, record.active ? "active" : "inactive", record.discountCodes,
            record.creatorLinks, record.utmPatterns, record.landingPageURL, record.commissionRateBps,
            record.creatorID?.uuidString,
        ]
    }

    /// Makes `codes` the influencer's; throws ``CodeTaken`` for the first
    /// code another influencer of the tenant has (ignoring case). A
    /// concurrent insert of the same code waits for this transaction, then
    /// finds the code taken.
    func replaceCodes(of id: UUID, _ codes: [String], in tx: TenantTransaction) async throws {
        try await tx.query(
            "DELETE FROM attribution_influencer_codes WHERE tenant_id = $2 AND influencer_id = $1", [id, tx.tenantID])
        guard !codes.isEmpty else { return }
        let keys = codes.map { $0.lowercased() }
        let inserted = try await tx.query(
            """
            INSERT INTO attribution_influencer_codes (tenant_id, code_key, influencer_id)
            SELECT $3::uuid, key, $2 FROM unnest($1::text[]) AS key
            ON CONFLICT (tenant_id, code_key) DO NOTHING
            RETURNING code_key
            """, [keys, id, tx.tenantID])
        let stored = Set(inserted.map { $0["code_key"] ?? "" })
        if let index = keys.firstIndex(where: { !stored.contains($0) }) {
            throw CodeTaken(code: codes[index], index: index)
        }
    }

    /// Whether creator `id` exists in the tenant.
    public func creatorExists(_ id: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.query("SELECT 1 AS one FROM creators WHERE tenant_id = $2 AND id = $1", [id, tx.tenantID]).isEmpty
    }

    public func read(_ id: UUID, forUpdate: Bool = false, in tx: TenantTransaction) async throws -> StoredInfluencer? {
        try await tx.query(
            """
            SELECT \(StoredInfluencer.columns) FROM attribution_influencers
            WHERE tenant_id = $2 AND id = $1 \(forUpdate ? "FOR UPDATE" : "")
            """, [id, tx.tenantID]
        ).map(StoredInfluencer.init(row:)).first
    }

    public func get(_ id: UUID, tenantID: UUID) async throws -> StoredInfluencer? {
        try await database.withTenant(tenantID, readOnly: true) { try await read(id, in: $0) }
    }

    /// Deletes `id` (its codes with it); false when it did not exist.
    public func delete(_ id: UUID, in tx: TenantTransaction) async throws -> Bool {
        try await !tx.query(
            "DELETE FROM attribution_influencers WHERE tenant_id = $2 AND id = $1 RETURNING id", [id, tx.tenantID]
        ).isEmpty
    }

    /// Every influencer of the tenant with `active` status (nil: any) whose
    /// name contains `search` or one of whose codes equals it (ignoring case).
    public func all(active: Bool?, search: String?, in tx: TenantTransaction) async throws -> [StoredInfluencer] {
        try await tx.query(
            """
            SELECT \(StoredInfluencer.columns) FROM attribution_influencers i
            WHERE i.tenant_id = $3
              AND ($1::text IS NULL OR i.status = $1)
              AND ($2::text IS NULL OR strpos(lower(i.name), lower($2)) > 0 OR EXISTS (
                  SELECT 1 FROM attribution_influencer_codes c
                  WHERE c.tenant_id = i.tenant_id AND c.influencer_id = i.id AND c.code_key = lower($2)))
            ORDER BY lower(i.name), i.id
            """, [active.map { $0 ? "active" : "inactive" }, search, tx.tenantID]
        ).map(StoredInfluencer.init(row:))
    }
}
