import Authorization
import Foundation
import Identity
import RPCServer
import ServiceKit
import Wire

extension DashboardsService {
    /// The calling user's id; a service principal has no dashboards.
    static func user(_ context: ServerContext) throws -> String {
        guard context.principal.kind == .user else {
            throw RPCError(code: .permissionDenied, message: "dashboards belong to users; service \(context.principal.id) has none")
        }
        return context.principal.id
    }

    static func notFound(_ id: UUID) -> NotFound { NotFound("dashboard", id: id.uuidString.lowercased()) }

    /// Refuses a change of another user's (shared) dashboard unless the caller is an admin.
    func checkMayChange(owner: String, _ context: ServerContext, _ action: String) async throws {
        let caller = context.principal
        guard owner != caller.id else { return }
        guard try await roles.role(of: caller) == .admin else {
            throw RPCError(
                code: .permissionDenied,
                message: "user \(caller.id) may not \(action) a dashboard user \(owner) shared; only its owner and admins may")
        }
    }
}
