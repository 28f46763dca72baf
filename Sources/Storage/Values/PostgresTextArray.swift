/// text[] in PostgreSQL's array literal syntax: `{a,"b c",NULL}`.
enum PostgresTextArray {
    /// Every element quoted, so no element can be mistaken for NULL or split.
    static func format(_ elements: [String]) -> String {
        format(elements.map(Optional.some))
    }

    /// As above; nil elements are NULL (unquoted).
    static func format(_ elements: [String?]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(elements.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let element else {
                bytes += "NULL".utf8
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A one-dimensional array of non-NULL elements.
    static func parse(_ text: String) throws(PostgresError) -> [String] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "{", scalars.last == "}" else { throw decodingError(text, "text[]") }
        var elements: [String] = []
        var index = 1
        let end = scalars.count - 1
        if index == end { return [] }
        while index <= end {
            var element = String.UnicodeScalarView()
            var quoted = false
            if scalars[index] == "\"" {
                quoted = true
                index += 1
                while index < end, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index += 1 }
                    guard index < end else { throw decodingError(text, "text[]") }
                    element.append(scalars[index])
                    index += 1
                }
                guard index < end else { throw decodingError(text, "text[]") }
                index += 1
            } else {
                while index < end, scalars[index] != "," {
                    guard scalars[index] != "{", scalars[index] != "\"" else { throw decodingError(text, "text[]") }
                    element.append(scalars[index])
                    index += 1
                }
            }
            let value = String(element)
            if !quoted, value == "NULL" { throw decodingError(text, "text[] without NULL elements") }
            elements.append(value)
            guard index == end || scalars[index] == "," else { throw decodingError(text, "text[]") }
            index += 1
        }
        return elements
    }
}
