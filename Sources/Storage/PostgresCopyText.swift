/// Rows in `COPY ... FROM STDIN` text format: columns separated by tabs,
/// rows ended by newlines, NULL as `\N`, and backslash, tab, newline and
/// carriage return escaped in values.
public enum PostgresCopyText {
    /// One row of parameter values (their text forms; bytea as `\\x` hex), newline included.
    public static func row(_ values: [any PostgresEncodable]) -> String {
        line(values.map { value -> String? in
            switch value.postgresParameter {
            case .null: nil
            case .text(let text): text
            case .binary(let bytes): "\\x" + bytes.map { byte in String(byte >> 4, radix: 16) + String(byte & 15, radix: 16) }.joined()
            }
        })
    }

    private static func line(_ values: [String?]) -> String {
        var line = ""
        for (index, value) in values.enumerated() {
            if index > 0 { line += "\t" }
            guard let value else {
                line += "\\N"
                continue
            }
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\\": line += "\\\\"
                case "\t": line += "\\t"
                case "\n": line += "\\n"
                case "\r": line += "\\r"
                default: line.unicodeScalars.append(scalar)
                }
            }
        }
        return line + "\n"
    }
}
