import ArgumentParser
import Protos
import SwiftProtobuf

/// The names attrctl shows and accepts for the API's enums: their stored
/// names (`StoredNameEnum`, one table per enum in Protos), so a flag value is
/// the word the store and the docs use.
enum EnumNames {
    /// The alert channels, with "none" for no channel (UNSPECIFIED).
    static let channels = Attribution_V1_AlertChannel.storedNames + [(.unspecified, "none")]

    /// The name of `value` in `table`; "unspecified" (or the number of an unknown value) otherwise.
    static func name<Value: StoredNameEnum>(_ value: Value, _ table: [(Value, String)] = Value.storedNames) -> String {
        if let name = table.first(where: { $0.0 == value })?.1 { return name }
        return value.rawValue == 0 ? "unspecified" : "\(value.rawValue)"
    }

    /// The value named `text` (case-insensitive) in `table`; otherwise a ValidationError naming `flag`.
    static func parse<Value: StoredNameEnum>(
        _ text: String, _ flag: String, _ table: [(Value, String)] = Value.storedNames
    ) throws(ValidationError) -> Value {
        guard let value = table.first(where: { $0.1 == text.lowercased() })?.0 else {
            throw ValidationError("\(flag) must be one of \(table.map(\.1).joined(separator: ", "))")
        }
        return value
    }

    /// As `parse`, with nil (the flag not given) as the zero value: UNSPECIFIED, matching all.
    static func filter<Value: StoredNameEnum>(_ text: String?, _ flag: String) throws(ValidationError) -> Value {
        guard let text else { return Value() }
        return try parse(text, flag)
    }
}
