public import Foundation
import Logging

extension S3Client {
    /// Builds, signs and sends one S3 request.
    func send(
        _ method: String, bucket: String, key: String?, query: [(String, String)] = [], body: UploadSource = .none,
        headers extra: [(name: String, value: String)] = [], download: DownloadTarget = .memory, logger: Logger
    ) async throws(IntegrationError) -> HTTPResponse {
        let request = try signedRequest(
            method, bucket: bucket, key: key, query: query, body: body, headers: extra, download: download, date: Date())
        return try await http.execute(request, logger: logger)
    }

    /// The request for an object or bucket: path-style (`endpoint/bucket/key`)
    /// or virtual-hosted (`bucket.host/key`), signed with SigV4 at `date`.
    public func signedRequest(
        _ method: String, bucket: String, key: String?, query: [(String, String)] = [], body: UploadSource = .none,
        headers extra: [(name: String, value: String)] = [], download: DownloadTarget = .memory, date: Date
    ) throws(IntegrationError) -> HTTPRequest {
        guard var components = URLComponents(string: configuration.endpoint), let host = components.host else {
            throw IntegrationError(.invalidRequest, "bad S3 endpoint \(configuration.endpoint)")
        }
        var path = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
        if configuration.usesPathStyle {
            path += "/" + bucket
        } else {
            components.host = "\(bucket).\(host)"
        }
        if let key { path += "/" + key }
        if path.isEmpty { path = "/" }
        let hostHeader = components.port.map { "\(components.host!):\($0)" } ?? components.host!
        components.percentEncodedPath = FormEncoding.percentEncode(path, keepSlash: true)
        let queryString = query.map { value in
            value.1.isEmpty && value.0 == "uploads" ? "uploads" : "\(FormEncoding.percentEncode(value.0))=\(FormEncoding.percentEncode(value.1))"
        }.joined(separator: "&")
        components.percentEncodedQuery = queryString.isEmpty ? nil : queryString
        guard let url = components.string else { throw IntegrationError(.invalidRequest, "bad S3 object URL") }

        let signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region, service: "s3")
        let signed = signer.sign(
            method: method, path: path, query: query, headers: [("Host", hostHeader)] + extra,
            payloadHash: try payloadHash(body), date: date)
        var request = HTTPRequest(method: method, url: url, headers: signed.headers, body: body, download: download)
        request.secrets = configuration.credentials.secrets
        return request
    }

    /// The hex SHA-256 of what will be sent (a file is read once to hash it);
    /// UNSIGNED-PAYLOAD for a stream, which cannot be read twice.
    func payloadHash(_ body: UploadSource) throws(IntegrationError) -> String {
        switch body {
        case .none: return SigV4Signer.emptyPayloadHash
        case .bytes(let data): return Crypto.sha256(data).hexString
        case .file(let path): return try Crypto.sha256(fileAt: path).hexString
        case .reader: return SigV4Signer.unsignedPayload
        }
    }
}
