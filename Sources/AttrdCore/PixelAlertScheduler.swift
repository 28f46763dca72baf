import AttributionStore
import Foundation
import Logging
import Services
import Storage

/// Runs the pixel alert evaluation of every tenant periodically (the job
/// queue in `PixelAlertEvaluator` makes it safe with several replicas).
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

    func visitTenants() async {
        do {
            for tenant in try await evaluator.database.tenantIDs() {
                if Task.isCancelled { return }
                if case .evaluated(let fired) = try await evaluator.evaluate(tenantID: tenant), !fired.isEmpty {
                    logger.notice(
                        "pixel accuracy alert recorded",
                        metadata: ["attrd_tenant": "\(tenant)", "attrd_platforms": "\(fired.joined(separator: ","))"])
                }
                let (sent, failed) = try await outbox.deliver(tenantID: tenant) { await sender.send($0) }
                if sent + failed > 0 {
                    logger.notice(
                        "pixel alerts delivered",
                        metadata: ["attrd_tenant": "\(tenant)", "attrd_sent": "\(sent)", "attrd_failed": "\(failed)"])
                }
            }
        } catch {
            logger.warning("pixel alert evaluation failed; next round retries", metadata: Logger.Metadata([.error: "\(error)"]))
        }
    }
}
