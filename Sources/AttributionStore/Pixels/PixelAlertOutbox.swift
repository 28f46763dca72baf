public import Foundation
public import Storage

/// Delivers a tenant's recorded alerts (`pixel_alert_events`) without
/// holding a transaction while it sends. Each alert is claimed in a short
/// transaction (`FOR UPDATE SKIP LOCKED`, marked `sending` until a lease
/// expires), sent outside any transaction, and its outcome recorded in
/// another short one: `sent`; `pending` again after a backoff (a transient
/// failure); or `failed` (a permanent failure, or the policy's last
/// attempt). A Slack channel that was posted to is recorded at once and not
/// posted to again by a later attempt. Only alerts of `channels` (those this
/// replica can send on) are claimed: the others stay pending, not dropped.
public struct PixelAlertOutbox: Sendable {
    public let database: Database
    public let policy: PixelAlertRetryPolicy
    /// The time of claims, leases and backoffs (tests move it on).
    public let clock: @Sendable () -> Date

    public init(database: Database, policy: PixelAlertRetryPolicy = .init(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.policy = policy
        self.clock = clock
    }

    /// Records that `target` received the alert (and renews the lease);
    /// throws `PixelAlertClaimLost` when the claim passed to another replica.
    public typealias Progress = @Sendable (_ target: String) async throws -> Void

    /// Sends one claimed alert to its `remainingTargets`, calling `delivered`
    /// after each target that will not need it again. Only errors of
    /// `delivered` may be thrown; send failures are outcomes.
    public typealias Send = @Sendable (PixelAlertEvent, _ delivered: Progress) async throws -> PixelAlertSendOutcome

    /// Claims, sends and records up to `limit` due alerts, one at a time.
    public func deliver(
        tenantID: UUID, channels: Set<String>, limit: Int = 20, send: Send
    ) async throws -> PixelAlertDeliveryReport {
        var report = PixelAlertDeliveryReport()
        for _ in 0..<limit {
            guard let claim = try await claim(tenantID: tenantID, channels: channels) else { break }
            let outcome: PixelAlertSendOutcome
            do {
                outcome = try await send(claim.alert) { target in
                    try await recordDelivered(target, of: claim, tenantID: tenantID)
                }
            } catch is PixelAlertClaimLost {
                report.lost += 1
                continue
            }
            switch try await finish(claim, outcome, tenantID: tenantID) {
            case .sent: report.sent += 1
            case .retrying: report.retrying += 1
            case .failed: report.failed += 1
            case .lost: report.lost += 1
            }
        }
        return report
    }
}
