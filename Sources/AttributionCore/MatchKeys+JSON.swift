extension MatchKeys {
    /// The JSON object stored in `pixel_events.match_keys`: arrays of hex
    /// digests under the CAPI parameter names, strings under the browser keys,
    /// keys sorted (the same keys always give the same bytes). Written by
    /// hand: it runs for every ingested event, and Foundation's
    /// JSONSerialization cost more than the hashing.
    public var jsonObject: String {
        var members: [(key: String, value: String)] = []
        members.reserveCapacity(hashed.count + browser.count)
        for (parameter, digests) in hashed {
            members.append((parameter.rawValue, "[" + digests.map(Self.quoted).joined(separator: ",") + "]"))
        }
        for (key, value) in browser { members.append((key.rawValue, Self.quoted(value))) }
        members.sort { $0.key < $1.key }
        return "{" + members.map { Self.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string (RFC 8259): quotes, backslashes and control
    /// characters escaped; everything else as it is, in UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
