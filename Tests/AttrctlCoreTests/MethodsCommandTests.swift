@testable import AttrctlCore
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl methods")
struct MethodsCommandTests {
    /// The contract's descriptors as reflection sends them: bytes, decoded by
    /// a client without the access extension registered.
    static func reflected() throws -> [Google_Protobuf_FileDescriptorProto] {
        try ProtoDescriptors.fileDescriptorSet().file.map { file in
            try Google_Protobuf_FileDescriptorProto(serializedBytes: try file.serializedBytes() as [UInt8])
        }
    }

    @Test func eachMethodOfTheChosenServicesWithItsDeclaredAccess() throws {
        let methods = try MethodsCommand.methods(
            in: Self.reflected(), services: ["attribution.v1.Pixels", "attribution.v1.Ingest"])
        let access = Dictionary(uniqueKeysWithValues: methods.map { ($0.path, $0.access) })
        #expect(access["/attribution.v1.Pixels/GetStats"] == .read)
        #expect(access["/attribution.v1.Pixels/UpdateAlertConfig"] == .write)
        #expect(access["/attribution.v1.Ingest/RecordOrders"] == .ingest)
        #expect(access["/arpc.health.v1.Health/Check"] == nil, "a service not asked for is left out")
        #expect(methods.allSatisfy { $0.access != .unspecified })
    }

    @Test func rendersATableAndJSON() throws {
        let methods = [
            MethodsCommand.Method(path: "/attribution.v1.Pixels/GetStats", access: .read),
            MethodsCommand.Method(path: "/x.v1.Y/Z", access: .unspecified),
        ]
        let table = try MethodsCommand.render(methods, format: .table)
        #expect(table.contains("/attribution.v1.Pixels/GetStats"))
        #expect(table.contains("none (refused)"))
        let json = try MethodsCommand.render(methods, format: .json)
        #expect(json.contains(#""access""#) && json.contains(#""read""#))
    }
}
