import Foundation

extension SigV4Signer {
    /// The URI-encoded path. S3 signs the path as it is; other services
    /// sign it normalised (RFC 3986 dot segments removed, empty segments dropped).
    func canonicalURI(_ path: String) -> String {
        guard service != "s3" else { return path.isEmpty ? "/" : FormEncoding.percentEncode(path, keepSlash: true) }
        var segments: [String] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(String(segment))
            }
        }
        let trailing = path.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        return "/" + segments.map { FormEncoding.percentEncode($0) }.joined(separator: "/") + trailing
    }

    /// Parameters encoded, then sorted by name and value (byte order).
    static func canonicalQuery(_ query: [(String, String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map { item in
            (FormEncoding.percentEncode(item.0), FormEncoding.percentEncode(item.1))
        }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Lower-case names, values trimmed with inner runs of spaces collapsed,
    /// repeated names joined with commas in order, sorted by name; and the
    /// signed-headers list.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let collapsed = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
                .joined(separator: " ")
            merged[name.lowercased(), default: []].append(collapsed)
        }
        let names = merged.keys.sorted()
        let lines = names.map { "\($0):\(merged[$0]!.joined(separator: ","))\n" }.joined()
        return (lines, names.joined(separator: ";"))
    }

    /// ("yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd") in UTC.
    static func timestamps(_ date: Date) -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
        return (day + String(format: "T%02d%02d%02dZ", parts.hour!, parts.minute!, parts.second!), day)
    }
}
