public import Foundation
import Storage

extension JobQueue {
    /// The jobs of one kind due now, for /metrics.
    public struct KindSummary: Sendable, Equatable {
        public var due: Int
        /// How long the oldest due job has waited past its run-at.
        public var oldestDueAge: TimeInterval
    }

    /// Per kind with due jobs at `now`: how many, and how late the oldest is
    /// (counts only, across tenants, through `app_jobs_due_summary`).
    public func dueSummary(now: Date) async throws -> [String: KindSummary] {
        let rows = try await database.pool.withConnection { session in
            try await session.query("SELECT kind, due, oldest_due_at FROM app_jobs_due_summary($1)", [now])
        }
        var summary: [String: KindSummary] = [:]
        for row in rows {
            let oldest: Date = try row.decode("oldest_due_at")
            summary[try row.decode("kind")] = KindSummary(due: try row.decode("due"), oldestDueAge: max(0, now.timeIntervalSince(oldest)))
        }
        return summary
    }
}
