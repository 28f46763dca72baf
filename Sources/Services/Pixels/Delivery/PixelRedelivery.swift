public import Integrations
import Logging
import AttributionStore
import Foundation

/// Sends stored events to their platforms again and records each outcome.
/// One attempt per event and call (no automatic retries: the caller sees
/// and counts every attempt); at most `concurrency` in flight.
public struct PixelRedelivery: Sendable {
    public let client: HTTPClient
    public let endpoints: PlatformEndpoints
    public var concurrency = 8

    public init(client: HTTPClient, endpoints: PlatformEndpoints = .defaults) {
        self.client = client
        self.endpoints = endpoints
    }

    func deliver(_ event: DeliverableEvent, destination: PixelDestination?, logger: Logger) async -> DeliveryResult {
        guard let destination else {
            return .failed("authentication", "no \(event.row.platform) destination is configured (Pixels.SetDestination)")
        }
        guard let request = PlatformRequest.make(event, to: destination, endpoints: endpoints) else {
            return .failed("invalid_event", "the event cannot be encoded for \(event.row.platform)")
        }
        do {
            let response = try await client.execute(request, logger: logger)
            return DeliveryResult(platform: event.row.platform, response: response)
        } catch {
            return DeliveryResult(error: error)
        }
    }
}
