import ServiceKit
import AttributionStore
import Foundation
import Logging
import Protos
import SwiftProtobuf

extension PixelsService {
    /// One event of a RetryEvents call: claim it, send it within the
    /// budget, record the outcome. Never throws: every failure is this
    /// event's outcome, so the call still reports what the others came to.
    func retry(
        _ id: UUID, _ event: DeliverableEvent?, targets: [String: PixelDestination], claim: UUID, budget: RetryBudget,
        tenantID: UUID
    ) async -> Attribution_V1_RetryResult {
        var result = Attribution_V1_RetryResult()
        result.id = id.uuidString.lowercased()
        guard let event else {
            result.outcome = .notFound
            return result
        }
        result.attempts = Int32(clamping: event.row.deliveryAttempts)
        guard event.row.deliveryStatus != "delivered" else {
            result.outcome = .alreadyDelivered
            return result
        }
        // Nothing is sent, so nothing is claimed or counted, without a destination.
        guard let destination = targets[event.row.platform] else { return noDestination(result, platform: event.row.platform) }
        guard budget.attemptTime(now: .now, limit: redelivery.attemptLimit) != nil else { return notAttempted(result) }
        do {
            switch try await log.claimForRetry(id, claim: claim, lease: redelivery.claimLease, tenantID: tenantID) {
            case .claimed:
                break
            case .notFound:
                result.outcome = .notFound
                return result
            case .alreadyDelivered(let attempts):
                result.outcome = .alreadyDelivered
                result.attempts = Int32(clamping: attempts)
                return result
            case .inProgress(let attempts):
                result.outcome = .inProgress
                result.attempts = Int32(clamping: attempts)
                result.errorMessage = "not sent: another RetryEvents call is sending this event now"
                return result
            }
        } catch {
            let (_, reason, _) = StorageFailure.describe(error, operation: "RetryEvents", logger: logger)
            result.outcome = .notAttempted
            result.errorMessage = "not sent: the event could not be claimed (\(reason)); retry it again"
            return result
        }
        // Claiming took some of the time (little, unless the database is slow).
        guard let time = budget.attemptTime(now: .now, limit: redelivery.attemptLimit) else {
            try? await log.releaseRetryClaim(id, claim: claim, tenantID: tenantID)
            return notAttempted(result)
        }
        let outcome = await redelivery.deliver(event, destination: destination, within: time, logger: logger)
        let recorded: (attempts: Int, at: Date)?
        do {
            recorded = try await log.recordAttempt(
                id, claim: claim, delivered: outcome.delivered, errorType: outcome.errorType, error: outcome.message,
                tenantID: tenantID)
        } catch {
            return notRecorded(result, outcome, error)
        }
        guard let recorded else {
            // Delivered by another call while this one ran (after its claim lapsed).
            result.outcome = .alreadyDelivered
            return result
        }
        result.outcome = outcome.delivered ? .delivered : .failed
        result.errorType = .init(storedName: outcome.errorType)
        result.errorMessage = String((outcome.message ?? "").prefix(2000))
        result.attempts = Int32(clamping: recorded.attempts)
        result.attemptTime = Google_Protobuf_Timestamp(date: recorded.at)
        return result
    }

    private func notAttempted(_ result: Attribution_V1_RetryResult) -> Attribution_V1_RetryResult {
        var result = result
        result.outcome = .notAttempted
        let minimum = RetryBudget.minimumAttempt.components.seconds
        result.errorMessage = "not sent: less than \(minimum) s was left before the call's deadline; retry it again"
        return result
    }

    /// The platform has no destination: say which command sets one.
    private func noDestination(_ result: Attribution_V1_RetryResult, platform: String) -> Attribution_V1_RetryResult {
        var result = result
        result.outcome = .notAttempted
        result.errorMessage = "not sent: no \(platform) destination is set; set one with "
            + "`attrctl pixels destinations set --platform \(platform) --id ID --secret-file FILE`, then retry"
        return result
    }

    /// Sent, but the outcome could not be stored: say what the platform
    /// answered and that the stored event does not show it yet.
    private func notRecorded(
        _ result: Attribution_V1_RetryResult, _ outcome: DeliveryResult, _ error: any Error
    ) -> Attribution_V1_RetryResult {
        var result = result
        let (_, reason, _) = StorageFailure.describe(error, operation: "RetryEvents", logger: logger)
        logger.warning("RetryEvents: an attempt's outcome was not stored", metadata: ["event": "\(result.id)"])
        let answer = outcome.delivered ? "the platform accepted the event" : "the attempt failed (\(outcome.message ?? "unknown error"))"
        result.outcome = .notRecorded
        result.errorType = outcome.delivered ? .unspecified : .init(storedName: outcome.errorType)
        let message = "\(answer), but its outcome could not be stored (\(reason)): the event keeps its earlier status, "
            + "and its claim keeps other retries from sending it until the claim lapses (within \(redelivery.claimLease.components.seconds) s)"
        result.errorMessage = String(message.prefix(2000))
        result.attemptTime = Google_Protobuf_Timestamp(date: Date())
        return result
    }
}
