/// A text widget's Markdown made safe to render: raw HTML removed (with the
/// contents of script and style elements), HTML comments removed, and links,
/// images, autolinks and link definitions whose target is not http, https,
/// mailto or relative reduced to their text (or removed). Markdown itself
/// is left as written.
enum MarkdownSanitizer {
    static let safeSchemes: Set<String> = ["http", "https", "mailto"]

    static func sanitize(_ markdown: String) -> String {
        var text = markdown
        text = text.replacing(try! Regex(#"<(script|style)\b[^>]*>[\s\S]*?(</\1\s*>|$)"#).ignoresCase(), with: "")
        text = text.replacing(try! Regex(#"<!--[\s\S]*?(-->|$)"#), with: "")
        text = text.replacing(try! Regex(#"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*)>"#)) { match in
            let target = String(match.output[1].substring ?? "")
            return isSafe(target) ? "<\(target)>" : ""
        }
        text = text.replacing(try! Regex(#"</?[A-Za-z][A-Za-z0-9\-]*(\s[^>]*)?/?>|<[!?][^>]*>"#), with: "")
        text = text.replacing(try! Regex(#"(!?)\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(\s+("[^"]*"|'[^']*'))?\s*\)"#)) { match in
            let label = String(match.output[2].substring ?? "")
            let target = String(match.output[3].substring ?? "")
            return isSafe(target) ? String(match.output[0].substring ?? "") : label
        }
        text = text.replacing(try! Regex(#"(?m)^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]*)>?.*$"#)) { match in
            isSafe(String(match.output[1].substring ?? "")) ? String(match.output[0].substring ?? "") : ""
        }
        return text
    }

    /// Whether a link target is relative or has a safe scheme, after the
    /// tricks browsers forgive: entities, blanks and control characters, case.
    static func isSafe(_ target: String) -> Bool {
        var decoded = target.replacing(try! Regex(#"&#[xX]([0-9a-fA-F]+);?"#)) { match in
            UInt32(String(match.output[1].substring ?? ""), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }
        decoded = decoded.replacing(try! Regex(#"&#([0-9]+);?"#)) { match in
            UInt32(String(match.output[1].substring ?? "")).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
        }
        decoded = decoded.replacing(try! Regex(#"&colon;"#).ignoresCase(), with: ":")
        let normalized = String(String.UnicodeScalarView(decoded.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })).lowercased()
        guard let colon = normalized.firstIndex(of: ":") else { return true }
        let prefix = normalized[..<colon]
        if prefix.contains(where: { "/?#".contains($0) }) { return true }
        return safeSchemes.contains(String(prefix))
    }
}
