import ServiceKit
public import AttributionStore
public import Foundation

extension PixelAlertOutbox {
    /// Delivers the tenant's due alerts of the channels `sender` can send on.
    public func deliver(tenantID: UUID, sender: PixelAlertSender, limit: Int = 20) async throws -> PixelAlertDeliveryReport {
        try await deliver(tenantID: tenantID, channels: sender.channels, limit: limit) { alert, delivered in
            try await sender.send(alert, delivered: delivered)
        }
    }
}
