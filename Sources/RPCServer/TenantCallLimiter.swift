public import Foundation
import Synchronization

/// Caps the calls one tenant may have in flight across all connections of a server.
public final class TenantCallLimiter: Sendable {
    public let limit: Int
    private let counts = Mutex<[UUID: Int]>([:])

    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for `tenant`; false when the tenant is at its limit.
    func acquire(_ tenant: UUID) -> Bool {
        counts.withLock { counts in
            let current = counts[tenant, default: 0]
            guard current < limit else { return false }
            counts[tenant] = current + 1
            return true
        }
    }

    func release(_ tenant: UUID) {
        counts.withLock { counts in
            let remaining = counts[tenant, default: 1] - 1
            counts[tenant] = remaining > 0 ? remaining : nil
        }
    }

    /// Calls in flight for `tenant`.
    public func inFlight(_ tenant: UUID) -> Int {
        counts.withLock { $0[tenant, default: 0] }
    }
}
