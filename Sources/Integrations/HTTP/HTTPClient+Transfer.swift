import CCurl
import Foundation

extension HTTPClient {
    /// One attempt: an easy handle configured for the request and run on the
    /// pool, where everything that touches a local file happens (opening
    /// the upload and the download, removing a cut-short download, reading
    /// an error answer back). `timeout` bounds the whole attempt.
    func perform(_ request: HTTPRequest, timeout: Duration) async throws(IntegrationError) -> HTTPResponse {
        let easy = try CurlEasy()
        let transfer = try CurlTransfer(easy: easy)
        return try await executor.run(transfer) { () throws(IntegrationError) -> HTTPResponse in
            try configure(transfer, for: request, timeout: timeout)
            return try finish(transfer, request, code: transfer.perform())
        }
    }

    private func finish(_ transfer: CurlTransfer, _ request: HTTPRequest, code: CURLcode) throws(IntegrationError)
        -> HTTPResponse
    {
        guard code == CURLE_OK else {
            // A truncated download must not pass for a complete one.
            if case .file(let path) = request.download { try? FileManager.default.removeItem(atPath: path) }
            var failure = transfer.error(for: code, operation: "\(request.method) \(request.redactedURL)")
            failure.message = Redaction.text(failure.message, secrets: request.secrets)
            throw failure
        }
        var response = HTTPResponse(
            status: transfer.easy.infoLong(CURLINFO_RESPONSE_CODE), headers: transfer.headers, body: transfer.body)
        // An error answer written to the download file: its start serves as the body, for the error excerpt.
        if !response.isSuccess, case .file(let path) = request.download, let file = FileHandle(forReadingAtPath: path) {
            response.body = (try? file.read(upToCount: 4096)) ?? Data()
            try? file.close()
        }
        return response
    }

    private func configure(_ transfer: CurlTransfer, for request: HTTPRequest, timeout: Duration)
        throws(IntegrationError)
    {
        let easy = transfer.easy
        guard let components = URLComponents(string: request.url), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", components.host?.isEmpty == false
        else { throw IntegrationError(.invalidRequest, "not an http(s) URL: \(request.redactedURL)") }
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_REDIR_PROTOCOLS_STR, scheme == "https" ? "https" : "http,https")
        var transport = configuration.transport
        transport.totalTimeout = timeout
        try easy.apply(transport, scheme: scheme)
        let redirects = request.maxRedirects ?? configuration.maxRedirects
        try easy.set(CURLOPT_FOLLOWLOCATION, redirects > 0 ? 1 : 0)
        try easy.set(CURLOPT_MAXREDIRS, redirects)
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: configuration.maxResponseBytes)
        transfer.responseLimit = Int(clamping: configuration.maxResponseBytes)
        try easy.set(CURLOPT_ACCEPT_ENCODING, "")
        try easy.set(CURLOPT_USERAGENT, configuration.userAgent)
        try transfer.download(to: request.download)
        try configureMethod(easy, transfer, request)
        var lines = ["Expect:"]  // no 100-continue round trip before bodies
        for (name, value) in request.headers {
            guard !name.isEmpty, !(name + value).containsLineBreak,
                !name.contains(":")
            else { throw IntegrationError(.invalidRequest, "header \(name) contains a line break or colon") }
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        try easy.set(CURLOPT_HTTPHEADER, list: lines)
    }

    private func configureMethod(_ easy: CurlEasy, _ transfer: CurlTransfer, _ request: HTTPRequest)
        throws(IntegrationError)
    {
        let hasBody = if case .none = request.body { false } else { true }
        let length = request.body.length ?? -1
        switch request.method {
        case "GET" where !hasBody:
            try easy.set(CURLOPT_HTTPGET, 1)
        case "HEAD":
            try easy.set(CURLOPT_NOBODY, 1)
        case "PUT":
            try easy.set(CURLOPT_UPLOAD, 1)
            try easy.set(CURLOPT_INFILESIZE_LARGE, offset: length)
        default:
            if hasBody || request.method == "POST" {
                try easy.set(CURLOPT_POST, 1)
                try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: length)
            }
            if request.method != "POST" { try easy.set(CURLOPT_CUSTOMREQUEST, request.method) }
        }
        try transfer.upload(from: request.body)
    }
}
