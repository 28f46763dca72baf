public import Foundation
public import Logging

/// S3 object uploads (single PUT and multipart) signed with SigV4, against
/// AWS, MinIO, moto_server or GCS's interoperability endpoint (HMAC keys).
public struct S3Client: Sendable {
    public struct Configuration: Sendable {
        /// e.g. `https://s3.eu-west-1.amazonaws.com`, `http://127.0.0.1:9000`, `https://storage.googleapis.com`.
        public var endpoint: String
        public var region: String
        /// `endpoint/bucket/key` rather than `bucket.endpoint/key`.
        public var usesPathStyle: Bool
        public var credentials: AWSCredentials
        /// Multipart part size; S3 wants at least 5 MiB for all parts but the last.
        public var partSize: Int

        public init(
            endpoint: String, region: String, usesPathStyle: Bool = false, credentials: AWSCredentials,
            partSize: Int = 8 << 20
        ) {
            self.endpoint = endpoint
            self.region = region
            self.usesPathStyle = usesPathStyle
            self.credentials = credentials
            self.partSize = partSize
        }

        /// AWS S3 in a region.
        public static func aws(region: String, credentials: AWSCredentials) -> Configuration {
            Configuration(endpoint: "https://s3.\(region).amazonaws.com", region: region, credentials: credentials)
        }

        /// Google Cloud Storage's XML API with HMAC keys.
        public static func gcsInteroperability(credentials: AWSCredentials) -> Configuration {
            Configuration(endpoint: "https://storage.googleapis.com", region: "auto", usesPathStyle: true,
                          credentials: credentials)
        }
    }

    public let configuration: Configuration
    let http: HTTPClient

    public init(configuration: Configuration, http: HTTPClient) {
        self.configuration = configuration
        self.http = http
    }

    /// Creates a bucket (PUT Bucket).
    public func createBucket(_ bucket: String, logger: Logger) async throws(IntegrationError) {
        var body = Data()
        if configuration.region != "us-east-1", configuration.region != "auto" {
            body = Data(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        _ = try await send("PUT", bucket: bucket, key: nil, body: body.isEmpty ? .none : .bytes(body), logger: logger)
    }

    /// One PUT Object; returns the ETag. For files above a few hundred MiB use `uploadMultipart`.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: UploadSource, contentType: String = "application/octet-stream",
        logger: Logger
    ) async throws(IntegrationError) -> String {
        let response = try await send(
            "PUT", bucket: bucket, key: key, body: body, headers: [("Content-Type", contentType)], logger: logger)
        return response.header("ETag") ?? ""
    }

    /// GET Object into memory (bounded by the HTTP client's response cap) or a file.
    public func getObject(bucket: String, key: String, to target: DownloadTarget = .memory, logger: Logger)
        async throws(IntegrationError) -> Data
    {
        try await send("GET", bucket: bucket, key: key, download: target, logger: logger).body
    }
}
