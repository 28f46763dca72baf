import Foundation

/// Header helpers for mail.
enum MIMEHeader {
    /// An RFC 2047 encoded word (UTF-8, base64).
    static func encodedWord(_ text: String) -> String { "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?=" }

    /// The value as a header may carry it: encoded when not ASCII.
    static func value(_ text: String) -> String { text.allSatisfy(\.isASCII) ? text : encodedWord(text) }

    /// The RFC 5322 date.
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
