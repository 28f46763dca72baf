public import Foundation

/// A mailbox: an address and an optional display name.
public struct EmailAddress: Sendable, Hashable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// `Name <address>`, the name RFC 2047-encoded when it is not plain ASCII.
    var header: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || $0 == "." || $0 == "-") }
        return plain ? "\(name) <\(address)>" : "\(MIMEHeader.encodedWord(name)) <\(address)>"
    }
}

/// A mail with a text body, an optional HTML alternative and attachments.
public struct EmailMessage: Sendable {
    public struct Attachment: Sendable {
        public enum Content: Sendable {
            case data(Data)
            /// Read from a file when the message is sent.
            case file(path: String)
        }
        public var filename: String
        public var contentType: String
        public var content: Content

        public init(filename: String, contentType: String = "application/octet-stream", content: Content) {
            self.filename = filename
            self.contentType = contentType
            self.content = content
        }
    }

    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    /// Envelope recipients only: never written into a header.
    public var bcc: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    public var html: String?
    public var attachments: [Attachment]

    public init(
        from: EmailAddress, to: [EmailAddress], cc: [EmailAddress] = [], bcc: [EmailAddress] = [],
        replyTo: EmailAddress? = nil, subject: String, text: String, html: String? = nil, attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// Every envelope recipient (To, Cc and Bcc).
    var recipients: [EmailAddress] { to + cc + bcc }
}

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
