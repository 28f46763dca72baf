/// One HTTP request for `HTTPClient`.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: UploadSource
    public var download: DownloadTarget
    /// Whether sending it twice is harmless: by default GET, HEAD, PUT,
    /// DELETE and OPTIONS. Decides which failures are retried.
    public var isIdempotent: Bool
    /// When false, any status comes back as a response instead of an
    /// `httpStatus` error (for callers that read error bodies themselves).
    public var throwsOnHTTPError: Bool
    /// Log and report only the URL's scheme and host (a Slack webhook URL is itself a secret).
    public var hidesURLPath: Bool
    /// Strings scrubbed from any error message or log line about this request
    /// (tokens it carries in places Redaction does not know of).
    public var secrets: [String]
    /// Overrides the client's redirect limit (0: do not follow).
    public var maxRedirects: Int?

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: UploadSource = .none,
        download: DownloadTarget = .memory
    ) {
        self.method = method.uppercased()
        self.url = url
        self.headers = headers
        self.body = body
        self.download = download
        isIdempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(self.method)
        throwsOnHTTPError = true
        hidesURLPath = false
        secrets = []
        maxRedirects = nil
    }

    /// The URL as it may appear in a log line or an error.
    public var redactedURL: String {
        Redaction.text(Redaction.url(url, hidePath: hidesURLPath), secrets: secrets)
    }

    /// A request whose body is a form (application/x-www-form-urlencoded).
    public static func form(url: String, fields: [(String, String)], headers: [(name: String, value: String)] = [])
        -> HTTPRequest
    {
        var request = HTTPRequest(
            method: "POST", url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: .bytes(FormEncoding.encode(fields)))
        request.secrets = fields.filter { Redaction.isSensitive(name: $0.0) }.map(\.1)
        return request
    }
}
