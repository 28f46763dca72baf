import ServiceKit
public import Protos
public import RPCServer
import AttributionStore
import Foundation
import SwiftProtobuf
import Wire

extension PixelsService {
    public func listDestinations(
        _ request: Attribution_V1_ListDestinationsRequest, context: ServerContext
    ) async throws -> Attribution_V1_ListDestinationsResponse {
        var response = Attribution_V1_ListDestinationsResponse()
        response.destinations = try await destinations.list(tenantID: context.tenantID).map { entry in
            Attribution_V1_PixelDestination(
                stored: .init(storedName: entry.platform), destinationID: entry.destinationID, updatedAt: entry.updatedAt)
        }
        return response
    }

    public func setDestination(
        _ request: Attribution_V1_SetDestinationRequest, context: ServerContext
    ) async throws -> Attribution_V1_SetDestinationResponse {
        let input = request.destination
        let platform: String
        guard let name = input.platform.storedName else { throw FieldError("destination.platform", "is required (GA4, META or TIKTOK)") }
        platform = name
        let id = input.destinationID
        guard (1...200).contains(id.count),
            id.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") })
        else { throw FieldError("destination.destination_id", "must be 1 to 200 letters, digits, '-' or '_'") }
        guard (1...1000).contains(input.secret.utf8.count), input.secret.unicodeScalars.allSatisfy({ (0x21...0x7e).contains($0.value) })
        else { throw FieldError("destination.secret", "must be 1 to 1000 printable ASCII characters") }
        do {
            let updated = try await destinations.set(
                platform: platform, destinationID: input.destinationID, secret: input.secret, tenantID: context.tenantID)
            var response = Attribution_V1_SetDestinationResponse()
            response.destination = .init(stored: input.platform, destinationID: input.destinationID, updatedAt: updated)
            return response
        } catch is PixelDestinationStore.NoMasterKey {
            throw RPCError(code: .failedPrecondition, message: "attrd has no master key to seal secrets with (--master-key-file)")
        } catch {
            throw StorageFailure.rpcError(error, operation: "SetDestination", logger: logger)
        }
    }

    public func deleteDestination(
        _ request: Attribution_V1_DeleteDestinationRequest, context: ServerContext
    ) async throws -> Attribution_V1_DeleteDestinationResponse {
        guard let platform = request.platform.storedName else {
            throw FieldError("platform", "is required (GA4, META or TIKTOK)")
        }
        let deleted = try await destinations.delete(platform: platform, tenantID: context.tenantID)
        guard let deleted else { throw RPCError(code: .notFound, message: "no \(platform) destination is set") }
        var response = Attribution_V1_DeleteDestinationResponse()
        response.destination = .init(stored: request.platform, destinationID: deleted.destinationID, updatedAt: deleted.updatedAt)
        return response
    }
}

extension Attribution_V1_PixelDestination {
    /// A stored destination as responses show it: its secret set but never returned.
    init(stored platform: Attribution_V1_PixelPlatform, destinationID: String, updatedAt: Date) {
        self.init()
        self.platform = platform
        self.destinationID = destinationID
        secretSet = true
        updateTime = Google_Protobuf_Timestamp(date: updatedAt)
    }
}
