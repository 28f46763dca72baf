/// The error every integration throws, in the style of grpc-swift's RPCError:
/// an extensible code, a message that never contains a secret, and for HTTP
/// the status and a (redacted) excerpt of the response body.
public struct IntegrationError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The host name did not resolve.
        public static let dns = Code("dns")
        /// Nothing accepted the TCP connection.
        public static let connect = Code("connect")
        /// The TLS handshake or certificate verification failed.
        public static let tls = Code("tls")
        /// The connect or total timeout expired.
        public static let timeout = Code("timeout")
        /// The server answered with a status the caller treats as failure.
        public static let httpStatus = Code("httpStatus")
        /// The connection broke while sending or receiving.
        public static let connectionLost = Code("connectionLost")
        /// The response body exceeded the configured cap.
        public static let responseTooLarge = Code("responseTooLarge")
        /// More redirects than allowed.
        public static let tooManyRedirects = Code("tooManyRedirects")
        /// The caller's task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The request could not be built (bad URL, header with a newline...).
        public static let invalidRequest = Code("invalidRequest")
        /// The server's answer could not be understood.
        public static let invalidResponse = Code("invalidResponse")
        /// Credentials were refused (SMTP AUTH, SSH, OAuth client).
        public static let authentication = Code("authentication")
        /// The SSH host key did not match known_hosts or the pinned fingerprint.
        public static let hostKey = Code("hostKey")
        /// The remote service reported an error in its own terms (Slack
        /// `ok: false`, an OAuth error code, an SFTP command refused).
        public static let remote = Code("remote")
        /// Reading the upload source or writing the download target failed.
        public static let localIO = Code("localIO")
        /// Any other libcurl failure.
        public static let transport = Code("transport")
    }

    public var code: Code
    public var message: String
    /// The HTTP status, for `.httpStatus` (and OAuth/Slack errors carried over HTTP).
    public var status: Int?
    /// The start of the response body, redacted, for `.httpStatus`.
    public var bodyExcerpt: String?
    /// The libcurl result code behind a transport error.
    public var curlCode: Int?

    public init(_ code: Code, _ message: String, status: Int? = nil, bodyExcerpt: String? = nil, curlCode: Int? = nil) {
        self.code = code
        self.message = Redaction.text(message)
        self.status = status
        self.bodyExcerpt = bodyExcerpt.map { Redaction.text($0) }
        self.curlCode = curlCode
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let status { text += " (HTTP \(status))" }
        if let bodyExcerpt, !bodyExcerpt.isEmpty { text += ": \(bodyExcerpt)" }
        return text
    }
}
