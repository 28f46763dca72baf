import Protos
import SwiftProtobuf
import Testing

/// Each method's access is declared in the contract (proto/arpc/access/v1/access.proto).
struct MethodAccessTests {
    static func contract() throws -> [(method: String, access: Arpc_Access_V1_Access)] {
        try ProtoDescriptors.fileDescriptorSet().file.flatMap { try $0.methodAccess() }
    }

    @Test func everyMethodInTheContractDeclaresAnAccess() throws {
        let methods = try Self.contract()
        let services = Set(methods.compactMap { $0.method.split(separator: "/").first.map(String.init) })
        #expect(services.isSuperset(of: [
            "arpc.health.v1.Health", "arpc.reflection.v1.ServerReflection", "arpc.test.v1.TestService",
            "attribution.v1.Dashboards", "attribution.v1.Exports", "attribution.v1.Influencers", "attribution.v1.Ingest",
            "attribution.v1.Pixels", "attribution.v1.Platforms", "attribution.v1.Reports",
        ]))
        let undeclared = methods.filter { $0.access == .unspecified }.map(\.method)
        #expect(undeclared.isEmpty, "methods without option (arpc.access.v1.access): \(undeclared)")
    }

    @Test func aMethodWithoutTheOptionReadsAsUnspecified() throws {
        var declared = Google_Protobuf_MethodDescriptorProto()
        declared.name = "GetThing"
        declared.options.Arpc_Access_V1_access = .read
        var undeclared = Google_Protobuf_MethodDescriptorProto()
        undeclared.name = "SearchThings"
        var service = Google_Protobuf_ServiceDescriptorProto()
        service.name = "Things"
        service.method = [declared, undeclared]
        var file = Google_Protobuf_FileDescriptorProto()
        file.package = "x.v1"
        file.service = [service]
        // As a reflection client sees it: the option an unknown field until read.
        let plain = try Google_Protobuf_FileDescriptorProto(serializedBytes: try file.serializedBytes() as [UInt8])
        let access = try plain.methodAccess()
        #expect(access.map(\.method) == ["/x.v1.Things/GetThing", "/x.v1.Things/SearchThings"])
        #expect(access.map(\.access) == [.read, .unspecified])
    }

    /// The rules the method-name prefixes used to give, now declared.
    @Test(arguments: [
        ("/arpc.health.v1.Health/Check", Arpc_Access_V1_Access.public),
        ("/arpc.reflection.v1.ServerReflection/ListServices", .public),
        ("/attribution.v1.Ingest/RecordOrders", .ingest),
        ("/attribution.v1.Ingest/StreamPixelEvents", .ingest),
        ("/attribution.v1.Pixels/GetStats", .read),
        ("/attribution.v1.Pixels/StreamEvents", .read),
        ("/attribution.v1.Pixels/UpdateAlertConfig", .write),
        ("/attribution.v1.Pixels/RetryEvents", .write),
        ("/attribution.v1.Pixels/DeleteDestination", .write),
        ("/attribution.v1.Pixels/ListAlertEvents", .read),
        ("/attribution.v1.Exports/DownloadExport", .read),
        ("/attribution.v1.Reports/PreviewReport", .read),
        ("/attribution.v1.Reports/SendReportNow", .write),
        ("/attribution.v1.Platforms/TriggerSync", .write),
    ])
    func declaredAccess(method: String, access: Arpc_Access_V1_Access) throws {
        #expect(try Self.contract().first { $0.method == method }?.access == access)
    }
}
