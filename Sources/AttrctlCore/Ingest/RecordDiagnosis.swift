import Foundation
import SwiftProtobuf

/// Why one record's JSON could not be read, in words: which field (as a path
/// such as `revenue.amount_minor`), what was expected and what was found.
///
/// swift-protobuf's errors name neither the field nor the value, so the field
/// is found by decoding the record again one field at a time: the path whose
/// value alone fails to decode is the culprit.
struct RecordDiagnosis {
    /// The field at fault, "" when the record as a whole is.
    var field = ""
    /// What was expected, e.g. "a JSON object", "an RFC 3339 timestamp".
    var expected: String
    /// The value found, abbreviated, or a description of the text.
    var found: String?
    /// For an unknown field: its name.
    var unknownField: String?

    init(json: String, error: any Error, decode: (String) throws -> Void) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            expected = "a JSON object"
            found = "text that is not JSON (\(RecordFile<Google_Protobuf_Empty>.reason(error)))"
            return
        }
        guard let fields = object as? [String: Any] else {
            expected = "a JSON object"
            found = Self.describe(object)
            return
        }
        let culprit = Self.culprit(in: fields, decode: decode)
        let cause = culprit.map(\.error) ?? error
        field = culprit?.path.joined(separator: ".") ?? ""
        if case JSONDecodingError.unknownField(let name) = cause {
            unknownField = name
            if !field.isEmpty, field.hasSuffix(name) { field = String(field.dropLast(name.count).dropLast()) }
            expected = ""
            return
        }
        expected = Self.expectation(cause)
        found = culprit.map { Self.describe($0.value) }
    }

    /// The sentence after the record's location.
    func reason(messageName: String) -> String {
        if let unknownField {
            let owner = field.isEmpty ? messageName : "field \(field)"
            return "unknown field \"\(unknownField)\" in \(owner) (see its .proto for the field names)"
        }
        let subject = field.isEmpty ? "" : "field \(field): "
        return "\(subject)expected \(expected)" + (found.map { ", found \($0)" } ?? "")
    }

    /// The deepest path whose value alone fails to decode, descending into objects and arrays.
    private static func culprit(
        in fields: [String: Any], decode: (String) throws -> Void
    ) -> (path: [String], value: Any, error: any Error)? {
        func failure(_ wrap: (Any) -> Any, _ value: Any) -> (any Error)? {
            guard let data = try? JSONSerialization.data(withJSONObject: wrap(value), options: [.fragmentsAllowed]) else { return nil }
            do {
                try decode(String(decoding: data, as: UTF8.self))
                return nil
            } catch {
                return error
            }
        }
        func search(_ path: [String], _ value: Any, _ wrap: @escaping (Any) -> Any, _ error: any Error) -> (path: [String], value: Any, error: any Error) {
            if let object = value as? [String: Any] {
                for key in object.keys.sorted() {
                    let inner: (Any) -> Any = { wrap([key: $0]) }
                    if let error = failure(inner, object[key]!) { return search(path + [key], object[key]!, inner, error) }
                }
            } else if let array = value as? [Any] {
                for (position, element) in array.enumerated() {
                    let inner: (Any) -> Any = { wrap([$0]) }
                    if let error = failure(inner, element) { return search(path + ["\(position)"], element, inner, error) }
                }
            }
            return (path, value, error)
        }
        for key in fields.keys.sorted() {
            let wrap: (Any) -> Any = { [key: $0] }
            if let error = failure(wrap, fields[key]!) { return search([key], fields[key]!, wrap, error) }
        }
        return nil
    }

    /// What a field wanted, from the decoder's complaint.
    private static func expectation(_ error: any Error) -> String {
        guard let error = error as? JSONDecodingError else { return "a value of the field's type (\(error))" }
        switch error {
        case .malformedNumber, .numberRange, .leadingZero:
            return "a number in the field's range (64-bit integers may be decimal strings, e.g. \"12000\")"
        case .malformedString, .invalidUTF8: return "a string"
        case .malformedBool: return "true or false"
        case .malformedTimestamp: return "an RFC 3339 timestamp, e.g. \"2026-03-10T12:00:00Z\""
        case .malformedDuration: return "a duration in seconds, e.g. \"1.5s\""
        case .malformedFieldMask: return "a field mask, e.g. \"fieldA,fieldB\""
        case .unrecognizedEnumValue: return "one of the enum's value names (see its .proto)"
        case .illegalNull: return "a value, not null"
        case .conflictingOneOf: return "only one field of a oneof"
        case .messageDepthLimit: return "less deeply nested objects"
        case .malformedMap, .unquotedMapKey: return "an object of string keys"
        default: return "a value of the field's type (an object for a message, an array for a repeated field)"
        }
    }

    /// A JSON value as the message shows it: its kind and text, cut short.
    static func describe(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) else {
            return "a value that is not JSON"
        }
        var text = String(decoding: data, as: UTF8.self)
        let kind = switch text.first {
        case "{": "an object"
        case "[": "an array"
        case "\"": "a string"
        case "n": "null"
        case "t", "f": "a boolean"
        default: "a number"
        }
        if kind == "null" { return kind }
        if text.count > 40 { text = String(text.prefix(37)) + "..." }
        return "\(kind) \(text)"
    }
}
