import AttributionStore
public import Protos
public import RPCServer
import ServiceKit
import Storage

extension InfluencersService {
    /// Deletes the row and its codes, and starts a new rules version whose
    /// job removes the influencer's credits and gives orders it shared a
    /// code with in full to the others. Orders are not changed.
    public func deleteInfluencer(
        _ request: Attribution_V1_DeleteInfluencerRequest, context: ServerContext
    ) async throws -> Attribution_V1_DeleteInfluencerResponse {
        let id = try Validate.uuid(request.id, "id")
        let at = now()
        let change = try await store.database.withTenant(context.tenantID) { tx in
            guard try await store.delete(id, in: tx) else { throw Self.notFound(id) }
            return try await InfluencerReattributionJob.enqueue(now: at, in: tx)
        }
        var response = Attribution_V1_DeleteInfluencerResponse()
        response.reattribution = .init(version: change.version, jobID: change.jobID)
        return response
    }
}
