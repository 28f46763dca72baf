import Foundation

/// attrctl's config file: named contexts, each a set of connection settings,
/// and the one in use (kubectl style). Stored as JSON, written atomically, mode 600.
public struct ContextFile: Codable, Sendable, Equatable {
    public struct Context: Codable, Sendable, Equatable {
        public var name: String
        public var server: String?
        public var cert: String?
        public var key: String?
        public var ca: String?
        public var output: String?

        public init(name: String) { self.name = name }

        /// The settings keyed as `ConfigKey.fileKey`.
        var settings: [String: String] {
            let pairs: [(String, String?)] = [
                ("server", server), ("cert", cert), ("key", key), ("ca", ca), ("output", output),
            ]
            return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key, $0) } })
        }
    }

    public struct Error: Swift.Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "config file \(path) \(reason)" }
    }

    public var currentContext: String?
    public var contexts: [Context]

    enum CodingKeys: String, CodingKey {
        case currentContext = "current-context"
        case contexts
    }

    public init(currentContext: String? = nil, contexts: [Context] = []) {
        self.currentContext = currentContext
        self.contexts = contexts
    }

    public func context(named name: String) -> Context? {
        contexts.first { $0.name == name }
    }

    /// `$XDG_CONFIG_HOME/attrctl/config.json`, else `~/.config/attrctl/config.json`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/attrctl/config.json"
    }

    /// The file at `path`; an empty one when it does not exist yet.
    public static func load(_ path: String) throws(Error) -> ContextFile {
        guard FileManager.default.fileExists(atPath: path) else { return ContextFile() }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(ContextFile.self, from: data)
        } catch let error as DecodingError {
            throw Error(path: path, reason: "is not a valid attrctl config (\(Self.describe(error)))")
        } catch {
            throw Error(path: path, reason: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// Writes to a temporary file beside `path`, then renames it over `path`.
    public func save(_ path: String) throws(Error) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
            guard FileManager.default.createFile(
                atPath: temporary.path, contents: try encoder.encode(self), attributes: [.posixPermissions: 0o600]
            ) else {
                throw Error(path: path, reason: "cannot be written in \(url.deletingLastPathComponent().path)")
            }
            guard rename(temporary.path, path) == 0 else {
                unlink(temporary.path)
                throw Error(path: path, reason: "cannot be replaced (errno \(errno))")
            }
        } catch let error as Error {
            throw error
        } catch {
            throw Error(path: path, reason: "cannot be written: \(error.localizedDescription)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "at \(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
