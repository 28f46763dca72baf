import Foundation
import SwiftProtobuf

/// Records to ingest, read from a file (or standard input for `-`): a JSON
/// array of objects, or NDJSON (one object per line). Each record is a
/// message in the protobuf JSON mapping (field names as in the .proto or in
/// lowerCamelCase; enums by name; timestamps as RFC 3339).
struct RecordFile<Record: SwiftProtobuf.Message> {
    /// A record that could not be read, by its position in the file.
    struct Problem: Error {
        var index: Int
        /// The field at fault as a path (`revenue.amount_minor`), or "" for the whole record.
        var field: String
        /// Where the record is (`line 4`, `array index 3`), what was expected and what was found.
        var reason: String
    }

    var records: [(index: Int, record: Record)] = []
    var problems: [Problem] = []

    /// The most bytes read from one file (64 MiB).
    static var maximumBytes: Int { 64 << 20 }

    init(path: String) throws {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CommandFailure("cannot read \(path): \(Self.reason(error))")
            }
        }
        guard data.count <= Self.maximumBytes else {
            throw CommandFailure("\(path) is larger than \(Self.maximumBytes >> 20) MiB; split it")
        }
        try self.init(data: data, name: path)
    }

    init(data: Data, name: String) throws {
        let text = String(decoding: data, as: UTF8.self)
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = false
        for (index, entry) in try Self.split(text, name: name).enumerated() {
            do {
                records.append((index, try Record(jsonString: entry.json, options: options)))
            } catch {
                let diagnosis = RecordDiagnosis(json: entry.json, error: error, decode: { _ = try Record(jsonString: $0, options: options) })
                problems.append(Problem(
                    index: index, field: diagnosis.field,
                    reason: "\(entry.location): \(diagnosis.reason(messageName: Record.protoMessageName))"))
            }
        }
    }

    /// The JSON text of each record, with where it is in the file.
    private static func split(_ text: String, name: String) throws -> [(location: String, json: String)] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("[") else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
                line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : ("line \(number + 1)", String(line))
            }
        }
        let array: Any
        do {
            array = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
        } catch {
            throw CommandFailure("\(name) starts with '[' but is not a JSON array: \(reason(error))")
        }
        guard let elements = array as? [Any] else { throw CommandFailure("\(name) starts with '[' but is not a JSON array") }
        return try elements.enumerated().map { position, element in
            let data = try JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed])
            return ("array index \(position)", String(decoding: data, as: UTF8.self))
        }
    }

    /// The readable part of a Foundation error.
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if error.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileReadNoSuchFile: return "no such file"
            case .fileReadNoPermission: return "permission denied"
            default: break
            }
        }
        return (error.userInfo[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
    }
}
