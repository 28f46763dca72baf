import ArgumentParser
import Foundation
import Protos
import RPCClient
import SwiftProtobuf

/// `attrctl methods`: every method attrd serves, with the access its .proto
/// declares (read by reflection, so it is what this server enforces).
struct MethodsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methods",
        abstract: "List the methods attrd serves and who may call them.",
        discussion: """
            Access, from each method's option in its .proto: public (everyone), read (admin, analyst), \
            write (admin), ingest (admin, ingest). See docs/SECURITY.md.
            """
    )

    @Option(help: "Only this service, e.g. attribution.v1.Pixels.")
    var service: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let settings = try global.resolve(environment: ProcessInfo.processInfo.environment)
        let client = try settings.makeClient()
        let result = await Result { try await Self.fetch(client, service: service) }
        await client.close()
        print(try Self.render(try result.get(), format: settings.output.value))
    }

    /// One row per method: path and declared access.
    struct Method: Equatable {
        var path: String
        var access: Arpc_Access_V1_Access
    }

    static func fetch(_ client: RPCClient, service: String?) async throws -> [Method] {
        let reflection = Arpc_Reflection_V1_ServerReflectionClient(client)
        let services = try await reflection.listServices(.init(), timeout: .seconds(10)).services
        guard service.map(services.contains) ?? true else {
            throw CommandFailure("attrd does not serve \(service ?? ""); it serves \(services.sorted().joined(separator: ", "))")
        }
        var files: [Google_Protobuf_FileDescriptorProto] = []
        for name in services.sorted() where service == nil || service == name {
            var request = Arpc_Reflection_V1_FileContainingSymbolRequest()
            request.symbol = name
            // The first descriptor is the file that defines the symbol; its imports follow.
            let response = try await reflection.fileContainingSymbol(request, timeout: .seconds(10))
            guard let bytes = response.fileDescriptorProto.first else { continue }
            files.append(try Google_Protobuf_FileDescriptorProto(serializedBytes: bytes))
        }
        return try methods(in: files, services: Set(services.filter { service == nil || service == $0 }))
    }

    /// The methods of `services` declared in `files`, in file order.
    static func methods(in files: [Google_Protobuf_FileDescriptorProto], services: Set<String>) throws -> [Method] {
        try files.flatMap { file in
            try file.methodAccess().compactMap { method, access in
                let serviceName = method.dropFirst().split(separator: "/").first.map(String.init) ?? ""
                return services.contains(serviceName) ? Method(path: method, access: access) : nil
            }
        }
    }

    static func render(_ methods: [Method], format: OutputFormat) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.render(["methods": methods.map { ["method": $0.path, "access": name($0.access)] }])
        case .table, .wide:
            return TableRenderer(header: ["method", "access"], rows: methods.map { [$0.path, name($0.access)] }).render()
        }
    }

    static func name(_ access: Arpc_Access_V1_Access) -> String {
        switch access {
        case .public: "public"
        case .read: "read"
        case .write: "write"
        case .ingest: "ingest"
        default: "none (refused)"
        }
    }
}
