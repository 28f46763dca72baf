import SwiftProtobuf
import SwiftProtobufPluginLibrary

/// The `(arpc.access.v1.access)` method option (proto/arpc/access/v1/access.proto):
/// who may call a method. Every method must carry one; its value becomes the
/// `MethodAccess` its registration passes to the router.
struct AccessOption {
    static let fullName = "arpc.access.v1.access"
    /// The enum values a method may declare, and the `MethodAccess` case of each.
    static let swiftCases = [
        "ACCESS_PUBLIC": "public", "ACCESS_READ": "read", "ACCESS_WRITE": "write", "ACCESS_INGEST": "ingest",
    ]

    private let field: FieldDescriptor
    private let extensions: SimpleExtensionMap
    private let option: MessageExtension<OptionalExtensionField<ProtobufInt32>, Google_Protobuf_MethodOptions>

    /// The option as `file` sees it through its imports (transitively).
    init(visibleFrom file: FileDescriptor) throws {
        guard let field = Self.find(in: file) else {
            throw GeneratorError(
                "\(file.name) has services but does not import arpc/access/v1/access.proto: "
                    + "every rpc needs option (\(Self.fullName))")
        }
        self.field = field
        // An enum is a varint on the wire: read it as its number.
        option = MessageExtension(_protobuf_fieldNumber: Int(field.number), fieldName: Self.fullName)
        extensions = [option]
    }

    /// The `MethodAccess` case (e.g. "read") `method` declares; an error naming
    /// the method when it declares none, or a value attrd has no case for.
    func swiftCase(of method: MethodDescriptor) throws -> String {
        let options = try Google_Protobuf_MethodOptions(
            serializedBytes: try method.options.serializedBytes() as [UInt8], extensions: extensions)
        let name = "/\(method.service.fullName)/\(method.name)"
        guard let number = options.getExtensionValue(ext: option) else {
            throw GeneratorError(
                "\(name) (\(method.file.name)) has no access: add { option (\(Self.fullName)) = ACCESS_…; } to the rpc")
        }
        let value = field.enumType.values.first { $0.number == number }?.name ?? "\(number)"
        guard let swiftCase = Self.swiftCases[value] else {
            throw GeneratorError(
                "\(name) (\(method.file.name)) has access \(value); allowed: \(Self.swiftCases.keys.sorted().joined(separator: ", "))")
        }
        return swiftCase
    }

    private static func find(in file: FileDescriptor) -> FieldDescriptor? {
        file.extensions.first { $0.fullName == fullName } ?? file.dependencies.lazy.compactMap(find(in:)).first
    }
}

/// Stops generation; protoc prints the message.
struct GeneratorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
