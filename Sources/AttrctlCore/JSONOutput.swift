import Foundation

/// attrctl's JSON for its own objects (config contexts and settings), in the
/// style of the protobuf JSON mapping that API responses are printed in:
/// lowerCamelCase keys, unset values left out, one line. Types printed here
/// name their keys so.
enum JSONOutput {
    static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
