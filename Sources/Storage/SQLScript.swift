import Foundation

/// A SQL script (a migration) cut into its statements, so that each is sent
/// as a query string of its own. Citus forwards a DDL statement on a
/// distributed table to the shards with the query string it came in, and a
/// string of several statements then fails ("cannot insert multiple commands
/// into a prepared statement"); one statement per string works on both.
///
/// The cut is at `;` outside single-quoted strings (`''` inside one),
/// double-quoted identifiers, dollar-quoted bodies (`$$` or `$tag$`) and
/// comments (`--` to the end of the line, `/* */` nested). Statements that
/// are only whitespace and comments are left out.
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        let text = Array(script.unicodeScalars)
        var statements: [String] = []
        var start = 0
        var index = 0
        var hasCode = false
        func flush(upTo end: Int) {
            if hasCode {
                var statement = String.UnicodeScalarView()
                statement.append(contentsOf: text[start..<end])
                statements.append(String(statement).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            start = end + 1
            hasCode = false
        }
        while index < text.count {
            let scalar = text[index]
            let next: Unicode.Scalar? = index + 1 < text.count ? text[index + 1] : nil
            switch scalar {
            case "-" where next == "-":
                while index < text.count && text[index] != "\n" { index += 1 }
                continue
            case "/" where next == "*":
                var depth = 0
                repeat {
                    if text[index] == "/", index + 1 < text.count, text[index + 1] == "*" {
                        depth += 1
                        index += 2
                    } else if text[index] == "*", index + 1 < text.count, text[index + 1] == "/" {
                        depth -= 1
                        index += 2
                    } else {
                        index += 1
                    }
                } while depth > 0 && index < text.count
                continue
            case "'", "\"":
                hasCode = true
                index += 1
                while index < text.count {
                    if text[index] == scalar {
                        // A doubled quote is the quote itself.
                        if index + 1 < text.count, text[index + 1] == scalar { index += 2; continue }
                        break
                    }
                    index += 1
                }
            case "$":
                hasCode = true
                if let tag = dollarTag(text, at: index) {
                    index += tag.count
                    while index < text.count && !matches(text, tag, at: index) { index += 1 }
                    index += tag.count - 1
                }
            case ";":
                flush(upTo: index)
            default:
                if !scalar.properties.isWhitespace { hasCode = true }
            }
            index += 1
        }
        flush(upTo: text.count)
        return statements
    }

    /// The dollar-quote opening at `index` (`$$`, `$tag$`), if it is one.
    private static func dollarTag(_ text: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        var end = index + 1
        while end < text.count, text[end] == "_" || text[end].properties.isAlphabetic
            || (end > index + 1 && ("0"..."9").contains(text[end])) {
            end += 1
        }
        guard end < text.count, text[end] == "$" else { return nil }
        return Array(text[index...end])
    }

    private static func matches(_ text: [Unicode.Scalar], _ tag: [Unicode.Scalar], at index: Int) -> Bool {
        index + tag.count <= text.count && Array(text[index..<index + tag.count]) == tag
    }
}
