public import Foundation

/// A flat JSON object of settings, e.g. `{"listen": "127.0.0.1:7443", "log-level": "debug"}`.
/// Values may be strings, numbers or booleans; nested values are refused.
public enum ConfigFile {
    public struct LoadError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "configuration file \(path): \(reason)" }
    }

    public static func load(_ path: String) throws(LoadError) -> [String: String] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError(path: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(LoadError) -> [String: String] {
        do {
            return try JSONDecoder().decode([String: Scalar].self, from: data).mapValues(\.text)
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            let key = context.codingPath[0].stringValue
            throw LoadError(path: path, reason: "'\(key)' must be a string, number or boolean")
        } catch {
            throw LoadError(path: path, reason: "must hold a flat JSON object of settings")
        }
    }

    /// A JSON string, number or boolean, kept as text.
    private struct Scalar: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                text = flag ? "true" : "false"
            } else if let number = try? container.decode(Int.self) {
                text = String(number)
            } else if let number = try? container.decode(Double.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}
