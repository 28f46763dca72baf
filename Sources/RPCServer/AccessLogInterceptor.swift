public import Logging
import Foundation
import Identity
import Wire

/// One log line per call: tenant, principal, method, status and duration.
public struct AccessLogInterceptor: ServerInterceptor {
    let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func intercept(
        context: ServerContext,
        next: @Sendable (ServerContext) async throws -> Void
    ) async throws {
        let start = ContinuousClock.now
        try await observingStatus(context, next: next) { status in
            let elapsed = ContinuousClock.now - start
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            logger.info("call", metadata: [
                RPCLogKey.tenant.rawValue: "\(context.tenantID.uuidString.lowercased())",
                RPCLogKey.principal.rawValue: "\(context.principal.kind.rawValue):\(context.principal.id)",
                RPCLogKey.method.rawValue: "\(context.method)",
                RPCLogKey.callID.rawValue: "\(context.callID)",
                RPCLogKey.status.rawValue: "\(status)",
                RPCLogKey.duration.rawValue: "\(micros)",
            ])
        }
    }
}
