import Foundation

/// Keeps secrets out of log lines and error messages: credentials in URLs
/// (user info, sensitive query parameters), sensitive headers, and tokens
/// that appear in free text (bodies, libcurl's messages).
public enum Redaction {
    public static let placeholder = "[REDACTED]"

    /// Query parameter names whose values are secrets (matched case-insensitively, by substring).
    static let sensitiveNameParts = [
        "token", "secret", "password", "passwd", "key", "signature", "sig", "code", "credential", "auth", "session",
    ]

    /// Header names whose values are secrets.
    static let sensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-amz-security-token",
        "x-goog-api-key", "webhook-signature",
    ]

    public static func isSensitive(name: String) -> Bool {
        let lowered = name.lowercased()
        return sensitiveNameParts.contains { lowered.contains($0) }
    }

    /// The URL with its password and the values of sensitive query parameters
    /// replaced; with `hidePath` (a Slack webhook, whose path is the secret)
    /// only scheme, host and port remain.
    public static func url(_ text: String, hidePath: Bool = false) -> String {
        guard var components = URLComponents(string: text) else { return "[unparseable URL]" }
        if components.password != nil { components.password = placeholder }
        if hidePath {
            components.path = components.path.isEmpty ? "" : "/" + placeholder
            components.query = nil
            components.fragment = nil
        } else if let items = components.queryItems {
            components.queryItems = items.map { item in
                isSensitive(name: item.name) ? URLQueryItem(name: item.name, value: placeholder) : item
            }
        }
        return components.string?.replacingOccurrences(of: "%5BREDACTED%5D", with: placeholder) ?? "[unparseable URL]"
    }

    /// A header as it may be logged.
    public static func header(name: String, value: String) -> String {
        sensitiveHeaders.contains(name.lowercased()) ? "\(name): \(placeholder)" : "\(name): \(value)"
    }

    /// Free text with known token shapes removed, and every string of
    /// `secrets` (at least 4 characters long) replaced.
    public static func text(_ text: String, secrets: [String] = []) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        for (pattern, template) in patterns {
            result = result.replacingOccurrences(
                of: pattern, with: template, options: [.regularExpression, .caseInsensitive])
        }
        return result
    }

    /// (ICU pattern, replacement template) pairs applied by `text(_:)`.
    static let patterns: [(String, String)] = [
        // user:password@ in URLs.
        (#"(://[^:/@\s]+):[^@/\s]+@"#, "$1:\(placeholder)@"),
        // Authorization schemes.
        (#"\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+"#, "$1 \(placeholder)"),
        // JSON members that hold secrets.
        (#""([a-z_]*(?:token|secret|password|code_verifier|client_assertion)[a-z_]*)"\s*:\s*"[^"]*""#,
         "\"$1\":\"\(placeholder)\""),
        // Form and query parameters that hold secrets.
        (#"\b([a-z_]*(?:token|secret|password|code_verifier|code)[a-z_]*)=[^&\s"]+"#, "$1=\(placeholder)"),
        // Standard Webhooks secrets and signatures.
        (#"whsec_[A-Za-z0-9+/=]+"#, "whsec_\(placeholder)"),
        (#"\bv1,[A-Za-z0-9+/=]{20,}"#, "v1,\(placeholder)"),
        // Slack tokens and AWS signatures.
        (#"\bxox[abposr]-[A-Za-z0-9-]+"#, placeholder),
        (#"(Signature=)[0-9a-f]{64}"#, "$1\(placeholder)"),
    ]
}
