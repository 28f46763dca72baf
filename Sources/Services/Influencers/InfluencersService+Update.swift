import AttributionStore
import Foundation
public import Protos
public import RPCServer
import ServiceKit
import Storage
import Wire

extension InfluencersService {
    /// Validates the mask and the selected fields first, then in one
    /// transaction: the row locked, the fields applied, the codes replaced
    /// when they changed (a code taken is ALREADY_EXISTS and rolls back), and
    /// a new rules version with its job when codes, links, patterns or the
    /// landing page changed.
    public func updateInfluencer(
        _ request: Attribution_V1_UpdateInfluencerRequest, context: ServerContext
    ) async throws -> Attribution_V1_UpdateInfluencerResponse {
        let selection = try InfluencerFields.update.select(request.hasUpdateMask ? request.updateMask : nil)
        let id = try Validate.uuid(request.influencer.id, "influencer.id")
        var probe = InfluencerRecord()
        try selection.apply(request.influencer, to: &probe)
        let at = now()
        let (updated, change) = try await store.database.withTenant(context.tenantID) { tx in
            guard let stored = try await store.read(id, forUpdate: true, in: tx) else { throw Self.notFound(id) }
            var record = stored.record
            try selection.apply(request.influencer, to: &record)
            if selection.contains("creator_id") { try await checkCreator(record, in: tx) }
            let codesChanged = record.discountCodes != stored.record.discountCodes
            try await store.update(id, record, codesChanged: codesChanged, now: at, in: tx)
            let change: (version: Int64, jobID: UUID?)? =
                record.changesRules(stored.record) ? try await InfluencerReattributionJob.enqueue(now: at, in: tx) : nil
            return (try await store.read(id, in: tx), change)
        }
        guard let updated else { throw Self.notFound(id) }
        var response = Attribution_V1_UpdateInfluencerResponse()
        response.influencer = Attribution_V1_Influencer(updated)
        response.reattribution = change.map { Attribution_V1_InfluencerReattribution(version: $0.version, jobID: $0.jobID) } ?? .none
        return response
    }
}
