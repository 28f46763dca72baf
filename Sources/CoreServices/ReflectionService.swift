import Foundation
public import Protos
public import RPCServer
import SwiftProtobuf
import Wire

/// arpc.reflection.v1.ServerReflection, from the descriptors of proto/
/// compiled into the binary (`ProtoDescriptors`), options included: a client
/// reads each method's access (`(arpc.access.v1.access)`) from them.
public struct ReflectionService: Arpc_Reflection_V1_ServerReflectionHandler {
    let services: [String]
    let files: [String: Google_Protobuf_FileDescriptorProto]
    /// Fully qualified symbol (service, method, message, enum) to the file defining it.
    let symbols: [String: String]

    /// - Parameter services: the fully qualified names of the services the server serves.
    public init(services: [String]) throws {
        // Decoded with the method options' extensions, so the served descriptors
        // carry each method's access (they would as unknown fields too).
        let set = try ProtoDescriptors.fileDescriptorSet()
        self.services = services.sorted()
        self.files = Dictionary(uniqueKeysWithValues: set.file.map { ($0.name, $0) })
        var symbols: [String: String] = [:]
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            for service in file.service {
                symbols[prefix + service.name] = file.name
                for method in service.method { symbols[prefix + service.name + "." + method.name] = file.name }
            }
            for message in file.messageType { Self.index(message, prefix: prefix, file: file.name, into: &symbols) }
            for item in file.enumType { symbols[prefix + item.name] = file.name }
        }
        self.symbols = symbols
    }

    private static func index(_ message: Google_Protobuf_DescriptorProto, prefix: String, file: String, into symbols: inout [String: String]) {
        let name = prefix + message.name
        symbols[name] = file
        for nested in message.nestedType { index(nested, prefix: name + ".", file: file, into: &symbols) }
        for item in message.enumType { symbols[name + "." + item.name] = file }
    }

    public func listServices(_ request: Arpc_Reflection_V1_ListServicesRequest, context: ServerContext) async throws -> Arpc_Reflection_V1_ListServicesResponse {
        var response = Arpc_Reflection_V1_ListServicesResponse()
        response.services = services
        return response
    }

    public func fileContainingSymbol(_ request: Arpc_Reflection_V1_FileContainingSymbolRequest, context: ServerContext) async throws -> Arpc_Reflection_V1_FileDescriptorResponse {
        guard let file = symbols[request.symbol] else {
            throw RPCError(code: .notFound, message: "unknown symbol '\(request.symbol.prefix(200))'")
        }
        return try closure(of: file)
    }

    public func fileByFilename(_ request: Arpc_Reflection_V1_FileByFilenameRequest, context: ServerContext) async throws -> Arpc_Reflection_V1_FileDescriptorResponse {
        guard files[request.filename] != nil else {
            throw RPCError(code: .notFound, message: "unknown file '\(request.filename.prefix(200))'")
        }
        return try closure(of: request.filename)
    }

    /// `name` first, then its imports, transitively, each once.
    private func closure(of name: String) throws -> Arpc_Reflection_V1_FileDescriptorResponse {
        var order: [String] = []
        var pending = [name]
        while let next = pending.first {
            pending.removeFirst()
            guard !order.contains(next), let file = files[next] else { continue }
            order.append(next)
            pending.append(contentsOf: file.dependency)
        }
        var response = Arpc_Reflection_V1_FileDescriptorResponse()
        response.fileDescriptorProto = try order.map { try files[$0]!.serializedBytes() }
        return response
    }
}
