import CCurl
import Foundation

extension SMTPClient {
    func configure(_ easy: CurlEasy, for message: EmailMessage) throws(IntegrationError) {
        guard let components = URLComponents(string: configuration.url), let scheme = components.scheme?.lowercased(),
            scheme == "smtp" || scheme == "smtps"
        else { throw IntegrationError(.invalidRequest, "not an smtp(s) URL: \(Redaction.url(configuration.url))") }
        let all = [message.from] + message.recipients + (message.replyTo.map { [$0] } ?? [])
        let values = all.map(\.address) + all.compactMap(\.name) + [message.subject]
            + message.attachments.flatMap { [$0.filename, $0.contentType] }
        if values.contains(where: \.containsLineBreak) || all.contains(where: { $0.address.isEmpty }) {
            throw IntegrationError(.invalidRequest, "a mail header value contains a line break, or an address is empty")
        }
        guard !message.recipients.isEmpty else { throw IntegrationError(.invalidRequest, "a mail needs a recipient") }
        var url = configuration.url
        if let localName = configuration.localName, components.path.isEmpty || components.path == "/" {
            url = (url.hasSuffix("/") ? url : url + "/") + localName
        }
        try easy.set(CURLOPT_URL, url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.apply(configuration.transport, scheme: scheme)
        if scheme == "smtp" {
            try easy.set(CURLOPT_USE_SSL, Int((configuration.requiresTLS ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        }
        if let username = configuration.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = configuration.password { try easy.set(CURLOPT_PASSWORD, password) }
        try easy.set(CURLOPT_MAIL_FROM, "<\(message.from.address)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: message.recipients.map { "<\($0.address)>" })

        var headers = [
            "Date: \(MIMEHeader.date(Date()))", "From: \(message.from.header)",
            "To: \(message.to.map(\.header).joined(separator: ", "))",
            "Subject: \(MIMEHeader.value(message.subject))",
            "Message-ID: <\(Crypto.randomBytes(16).hexString)@\(message.from.address.split(separator: "@").last ?? "localhost")>",
        ]
        if !message.cc.isEmpty { headers.append("Cc: \(message.cc.map(\.header).joined(separator: ", "))") }
        if let replyTo = message.replyTo { headers.append("Reply-To: \(replyTo.header)") }
        try easy.set(CURLOPT_HTTPHEADER, list: headers)
        try easy.setMime(try body(easy, message))
    }

    /// multipart/mixed: the text (or a multipart/alternative of text and
    /// HTML), then each attachment, base64-encoded.
    private func body(_ easy: CurlEasy, _ message: EmailMessage) throws(IntegrationError) -> OpaquePointer {
        guard let root = easy.makeMime() else { throw IntegrationError(.transport, "curl_mime_init failed") }
        if let html = message.html, let alternative = easy.makeMime() {
            addText(message.text, type: "text/plain", to: alternative)
            addText(html, type: "text/html", to: alternative)
            let part = curl_mime_addpart(root)
            curl_mime_subparts(part, alternative)
            curl_mime_type(part, "multipart/alternative")
            curl_mime_headers(part, easy.retainedList(["Content-Disposition: inline"]), 1)
        } else {
            addText(message.text, type: "text/plain", to: root)
        }
        for attachment in message.attachments {
            let part = curl_mime_addpart(root)
            switch attachment.content {
            case .data(let data):
                _ = data.withUnsafeBytes { curl_mime_data(part, $0.baseAddress?.assumingMemoryBound(to: CChar.self), $0.count) }
            case .file(let path):
                guard curl_mime_filedata(part, path) == CURLE_OK else {
                    throw IntegrationError(.localIO, "cannot read the attachment \(path)")
                }
            }
            curl_mime_filename(part, attachment.filename)
            curl_mime_type(part, attachment.contentType)
            curl_mime_encoder(part, "base64")
        }
        return root
    }

    private func addText(_ text: String, type: String, to mime: OpaquePointer) {
        let part = curl_mime_addpart(mime)
        curl_mime_data(part, text, attr_curl_zero_terminated())
        curl_mime_type(part, "\(type); charset=utf-8")
        curl_mime_encoder(part, "quoted-printable")
    }
}
