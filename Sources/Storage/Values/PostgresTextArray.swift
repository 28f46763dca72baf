/// text[] in PostgreSQL's array literal syntax: `{a,"b c",NULL}`.
enum PostgresTextArray {
    /// Every element quoted, so no element can be mistaken for NULL or split.
    static func format(_ elements: [String]) -> String {
        format(elements.map(Optional.some))
    }

    /// As above; nil elements are NULL (unquoted).
    static func format(_ elements: [String?]) -> String {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            guard let element else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in element.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
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
