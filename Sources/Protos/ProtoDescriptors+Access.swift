import Foundation
public import SwiftProtobuf

extension ProtoDescriptors {
    /// The embedded FileDescriptorSet of proto/ (every file, imports included).
    public static func fileDescriptorSet() throws -> Google_Protobuf_FileDescriptorSet {
        guard let data = Data(base64Encoded: fileDescriptorSetBase64) else {
            throw DescriptorError(message: "embedded descriptors are not base64")
        }
        return try Google_Protobuf_FileDescriptorSet(serializedBytes: data, extensions: Arpc_Access_V1_Access_Extensions)
    }

    /// The embedded descriptors are unreadable (a build that went wrong).
    public struct DescriptorError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

extension Google_Protobuf_FileDescriptorProto {
    /// Every method of the file's services (`/package.Service/Method`) with
    /// the access its option `(arpc.access.v1.access)` declares, `.unspecified`
    /// when it declares none. Reads the option whether or not the descriptor
    /// was decoded with `Arpc_Access_V1_Access_Extensions` (e.g. one a client
    /// got from reflection).
    public func methodAccess() throws -> [(method: String, access: Arpc_Access_V1_Access)] {
        let prefix = package.isEmpty ? "" : package + "."
        return try service.flatMap { service in
            try service.method.map { method in
                let options = try Google_Protobuf_MethodOptions(
                    serializedBytes: try method.options.serializedBytes() as [UInt8],
                    extensions: Arpc_Access_V1_Access_Extensions)
                return ("/\(prefix)\(service.name)/\(method.name)", options.Arpc_Access_V1_access)
            }
        }
    }
}
