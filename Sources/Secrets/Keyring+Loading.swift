import Foundation

extension Keyring {
    /// Parses keys written as lines (or comma-separated entries) of
    /// `key-id:base64-of-32-bytes`; the first is the current key. Blank
    /// lines and lines starting with `#` are ignored.
    public init(parsing text: String, source: String) throws(SecretsError) {
        var keys: [MasterKey] = []
        let entries = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," })
        for (index, rawEntry) in entries.enumerated() {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            guard let colon = entry.firstIndex(of: ":") else {
                throw SecretsError(code: .invalidKey, message: "\(source), entry \(index + 1): expected key-id:base64-key")
            }
            let id = String(entry[..<colon])
            // Never echo the key text itself.
            guard let bytes = Data(base64Encoded: String(entry[entry.index(after: colon)...])) else {
                throw SecretsError(code: .invalidKey, message: "\(source), key \(id.prefix(64)): not valid base64")
            }
            do {
                keys.append(try MasterKey(id: id, bytes: [UInt8](bytes)))
            } catch {
                throw SecretsError(code: .invalidKey, message: "\(source): \(error.message)")
            }
        }
        try self.init(keys)
    }

    /// Reads a key file (see `init(parsing:source:)`). The file must not be
    /// accessible to others (mode 600 or 640).
    public init(contentsOfFile path: String) throws(SecretsError) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw SecretsError(code: .invalidKey, message: "master key file \(path) cannot be read")
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o007 != 0 {
            throw SecretsError(
                code: .invalidKey,
                message: "master key file \(path) is accessible to other users (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SecretsError(code: .invalidKey, message: "master key file \(path) cannot be read")
        }
        try self.init(parsing: text, source: "master key file \(path)")
    }
}
