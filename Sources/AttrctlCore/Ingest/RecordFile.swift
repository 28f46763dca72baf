import ArgumentParser
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
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            data = contents
        }
        guard data.count <= Self.maximumBytes else {
            throw ValidationError("\(path) is larger than \(Self.maximumBytes >> 20) MiB; split it")
        }
        try self.init(data: data, name: path)
    }

    init(data: Data, name: String) throws {
        let text = String(decoding: data, as: UTF8.self)
        for (index, json) in try Self.split(text, name: name).enumerated() {
            guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [String: Any] else {
                problems.append(Problem(index: index, reason: "is not a JSON object"))
                continue
            }
            do {
                var options = JSONDecodingOptions()
                options.ignoreUnknownFields = false
                records.append((index, try Record(jsonString: json, options: options)))
            } catch {
                problems.append(Problem(index: index, reason: "not a valid \(Record.protoMessageName): \(error)"))
            }
        }
    }

    /// The JSON text of each record.
    private static func split(_ text: String, name: String) throws -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("[") else {
            return trimmed.split(whereSeparator: \.isNewline).map(String.init).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
        }
        guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
            throw ValidationError("\(name) starts with '[' but is not a JSON array")
        }
        return try array.map { element in
            let data = try JSONSerialization.data(withJSONObject: element, options: [.fragmentsAllowed])
            return String(decoding: data, as: UTF8.self)
        }
    }
}
