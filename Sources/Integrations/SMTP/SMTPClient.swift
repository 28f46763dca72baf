public import Logging
import CCurl
import Foundation

/// Sends mail over SMTP with libcurl: `smtps://` (implicit TLS) or `smtp://`
/// with STARTTLS required (unless `requiresTLS` is turned off, for a local
/// relay), AUTH when credentials are set, MIME bodies built with curl_mime.
public struct SMTPClient: Sendable {
    public struct Configuration: Sendable {
        /// `smtp://host:587` or `smtps://host:465`.
        public var url: String
        /// For smtp://, refuse to send unless STARTTLS succeeds.
        public var requiresTLS: Bool
        public var username: String?
        public var password: String?
        /// The name sent in EHLO (libcurl's default is the local host name).
        public var localName: String?
        public var transport: TransportSettings

        public init(
            url: String, requiresTLS: Bool = true, username: String? = nil, password: String? = nil,
            localName: String? = nil, transport: TransportSettings = .defaults
        ) {
            self.url = url
            self.requiresTLS = requiresTLS
            self.username = username
            self.password = password
            self.localName = localName
            self.transport = transport
        }
    }

    public let configuration: Configuration
    let executor: CurlExecutor

    public init(configuration: Configuration, executor: CurlExecutor) {
        self.configuration = configuration
        self.executor = executor
    }

    /// Sends one message to all its recipients (not retried: a failure
    /// after DATA may still have delivered it).
    public func send(_ message: EmailMessage, logger: Logger) async throws(IntegrationError) {
        let easy = try CurlEasy()
        let transfer = try CurlTransfer(easy: easy)
        // Configured on the pool too: curl_mime_filedata opens attachment files.
        let code = try await executor.run(transfer) { () throws(IntegrationError) -> CURLcode in
            try configure(transfer.easy, for: message)
            return transfer.perform()
        }
        guard code == CURLE_OK else {
            var error = transfer.error(for: code, operation: "SMTP send to \(Redaction.url(configuration.url))")
            error.message = Redaction.text(error.message, secrets: [configuration.password].compactMap { $0 })
            logger.warning("mail not sent", metadata: ["error": "\(error)"])
            throw error
        }
        logger.info("mail sent", metadata: [
            "server": "\(Redaction.url(configuration.url))", "recipients": "\(message.recipients.count)",
            "attachments": "\(message.attachments.count)",
        ])
    }
}
