public import Foundation

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
