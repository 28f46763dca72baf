import AttributionStore
public import Protos
public import RPCServer
import ServiceKit
import Storage
import Wire

extension InfluencersService {
    /// Validates every field first (nothing is stored on a bad one), then in
    /// one transaction: the tenant's count limit, the creator, the row and
    /// its codes (a code taken is ALREADY_EXISTS and rolls everything back),
    /// a new rules version and its re-attribution job.
    public func createInfluencer(
        _ request: Attribution_V1_CreateInfluencerRequest, context: ServerContext
    ) async throws -> Attribution_V1_CreateInfluencerResponse {
        guard request.hasInfluencer else { throw FieldError("influencer", "is required") }
        let record = try InfluencerFields.record(request.influencer)
        let at = now()
        let (stored, change) = try await store.database.withTenant(context.tenantID) { tx in
            try await Self.limit.reserve(in: tx)
            try await checkCreator(record, in: tx)
            let id = try await store.insert(record, now: at, in: tx)
            let change = try await InfluencerReattributionJob.enqueue(now: at, in: tx)
            return (try await store.read(id, in: tx), change)
        }
        guard let stored else { throw RPCError(code: .internal, message: "") }
        var response = Attribution_V1_CreateInfluencerResponse()
        response.influencer = Attribution_V1_Influencer(stored)
        response.reattribution = .init(version: change.version, jobID: change.jobID)
        return response
    }

    /// A creator id must name a creator of the caller's tenant.
    func checkCreator(_ record: InfluencerRecord, in tx: TenantTransaction) async throws {
        guard let creator = record.creatorID else { return }
        guard try await store.creatorExists(creator, in: tx) else {
            throw FieldError("influencer.creator_id", "names no creator of this tenant")
        }
    }
}
