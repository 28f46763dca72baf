import AttributionStore
import Foundation
import Logging
import ServiceKit
import RPCServer
import Storage

/// Runs the pixel alert evaluation and delivery of every tenant
/// periodically (the job queue in `PixelAlertEvaluator` and the claims of
/// `PixelAlertOutbox` make it safe with several replicas). A tenant whose
/// evaluation or delivery fails is logged and skipped: the round goes on
/// with the next tenant, and the next round tries it again.
struct PixelAlertScheduler: Sendable {
    let evaluator: PixelAlertEvaluator
    let outbox: PixelAlertOutbox
    let sender: PixelAlertSender
    /// How often the tenants are visited; a tenant's job itself is due every `evaluator.interval`.
    let tick: Duration
    let logger: Logger

    /// Until the task is cancelled (graceful shutdown).
    func run() async {
        while !Task.isCancelled {
            await visitTenants()
            try? await Task.sleep(for: tick)
        }
    }

    /// One round over every tenant.
    func visitTenants() async {
        let tenants: [UUID]
        do {
            tenants = try await evaluator.database.tenantIDs()
        } catch {
            logger.warning("pixel alerts: listing the tenants failed; next round retries", metadata: [PixelsLogKey.error.rawValue: "\(error)"])
            return
        }
        await visit(tenants)
    }

    /// Evaluates and delivers each tenant's alerts in turn; returns the
    /// tenants whose turn failed.
    @discardableResult
    func visit(_ tenants: [UUID]) async -> [UUID] {
        var failed: [UUID] = []
        for tenant in tenants {
            if Task.isCancelled { break }
            do {
                try await visit(tenant)
            } catch {
                failed.append(tenant)
                logger.warning(
                    "pixel alerts of a tenant failed; next round retries",
                    metadata: [RPCLogKey.tenant.rawValue: "\(tenant)", PixelsLogKey.error.rawValue: "\(error)"])
            }
        }
        return failed
    }

    private func visit(_ tenant: UUID) async throws {
        if case .evaluated(let fired) = try await evaluator.evaluate(tenantID: tenant), !fired.isEmpty {
            logger.notice(
                "pixel accuracy alert recorded",
                metadata: [RPCLogKey.tenant.rawValue: "\(tenant)", PixelsLogKey.platforms.rawValue: "\(fired.joined(separator: ","))"])
        }
        let report = try await outbox.deliver(tenantID: tenant, sender: sender)
        if !report.isEmpty {
            logger.notice(
                "pixel alerts delivered",
                metadata: [
                    RPCLogKey.tenant.rawValue: "\(tenant)", PixelsLogKey.sent.rawValue: "\(report.sent)", PixelsLogKey.retrying.rawValue: "\(report.retrying)",
                    PixelsLogKey.failed.rawValue: "\(report.failed)", PixelsLogKey.lost.rawValue: "\(report.lost)",
                ])
        }
    }
}
