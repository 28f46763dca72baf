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
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)  // UTF-8 multi-byte sequences pass through whole
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }
}
