import AttributionCore
import Foundation
import Testing

/// `trimmingSpaces` trims exactly what Foundation's `.whitespaces` and
/// `.whitespacesAndNewlines` do.
struct TrimmingTests {
    static let samples = [
        "", " ", "\t\t", "plain", "  both  ", "\tTabbed\t", "\u{00A0}no-break\u{3000}", "\u{2003}em space",
        "inner  spaces kept", "\nline\n", "\r\n crlf \r\n", "\u{85}next line\u{2028}", "\u{2029}", " \u{200B}zero width ",
        "ünïcödé ✓ ", " 👍🏽 ",
    ]

    @Test(arguments: samples)
    func matchesFoundation(_ text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingSpaces(newlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
