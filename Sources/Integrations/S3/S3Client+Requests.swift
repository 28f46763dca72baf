public import Foundation
import Logging

extension S3Client {
    /// Builds, signs and sends one S3 request; `payloadHash` when the
    /// caller already has the body's hash.
    func send(
        _ method: String, bucket: String, key: String?, query: [(String, String)] = [], body: UploadSource = .none,
        payloadHash: String? = nil, headers extra: [(name: String, value: String)] = [],
        download: DownloadTarget = .memory, logger: Logger
    ) async throws(IntegrationError) -> HTTPResponse {
        let hash = if let payloadHash { payloadHash } else { try await self.payloadHash(body) }
        let request = try signedRequest(
            method, bucket: bucket, key: key, query: query, body: body, payloadHash: hash, headers: extra,
            download: download, date: Date())
        return try await http.execute(request, logger: logger)
    }

    /// The request for an object or bucket, signed with SigV4 at `date`;
    /// the body is hashed on the executor's pool (a file is read once for it).
    public func signedRequest(
        _ method: String, bucket: String, key: String?, query: [(String, String)] = [], body: UploadSource = .none,
        headers extra: [(name: String, value: String)] = [], download: DownloadTarget = .memory, date: Date
    ) async throws(IntegrationError) -> HTTPRequest {
        try signedRequest(
            method, bucket: bucket, key: key, query: query, body: body, payloadHash: try await payloadHash(body),
            headers: extra, download: download, date: date)
    }

    /// The request for an object or bucket: path-style (`endpoint/bucket/key`)
    /// or virtual-hosted (`bucket.host/key`), signed with SigV4 at `date`
    /// for a body whose hex SHA-256 is `payloadHash`.
    public func signedRequest(
        _ method: String, bucket: String, key: String?, query: [(String, String)] = [], body: UploadSource = .none,
        payloadHash: String, headers extra: [(name: String, value: String)] = [], download: DownloadTarget = .memory,
        date: Date
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
            payloadHash: payloadHash, date: date)
        var request = HTTPRequest(method: method, url: url, headers: signed.headers, body: body, download: download)
        request.secrets = configuration.credentials.secrets
        return request
    }

    /// The hex SHA-256 of what will be sent, computed on the executor's
    /// pool (a file is read once to hash it); UNSIGNED-PAYLOAD for a
    /// stream, which cannot be read twice.
    func payloadHash(_ body: UploadSource) async throws(IntegrationError) -> String {
        switch body {
        case .none: return SigV4Signer.emptyPayloadHash
        case .bytes(let data): return try await http.executor.offload { Crypto.sha256(data).hexString }
        case .file(let path):
            return try await http.executor.offload { () throws(IntegrationError) in
                try Crypto.sha256(fileAt: path).hexString
            }
        case .reader: return SigV4Signer.unsignedPayload
        }
    }
}
