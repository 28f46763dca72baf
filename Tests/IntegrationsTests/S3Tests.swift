import Foundation
import Integrations
import Logging
import Testing
import TestSupport

/// Against moto_server with IAM authentication on (signatures are checked).
@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasMoto, "moto_server is not installed (scripts/deps.sh)"))
struct S3Tests {
    static func client(_ fields: [String], executor: CurlExecutor, secret: String? = nil, partSize: Int = 5 << 20)
        -> S3Client
    {
        let credentials = AWSCredentials(accessKeyID: fields[2], secretAccessKey: secret ?? fields[3])
        let http = HTTPClient(configuration: .init(retry: .quick), executor: executor)
        return S3Client(
            configuration: .init(endpoint: "http://127.0.0.1:\(fields[1])", region: "us-east-1", usesPathStyle: true,
                                 credentials: credentials, partSize: partSize),
            http: http)
    }

    @Test func singleAndMultipartUploadsLandWithTheRightBytes() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "s3")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await withFixture({ try await Fixtures.python("moto_s3.py") }) { _, fields in
            try await withExecutor { executor in
                let s3 = Self.client(fields, executor: executor)
                try await s3.createBucket("reports", logger: logger)

                let small = Data("id,total\n1,42.50\n".utf8)
                try await s3.putObject(bucket: "reports", key: "daily/2026-11-25.csv", body: .bytes(small),
                                       contentType: "text/csv", logger: logger)
                #expect(try await s3.getObject(bucket: "reports", key: "daily/2026-11-25.csv", logger: logger) == small)

                // Two full 5 MiB parts and a short third one.
                let big = Data(Crypto.randomBytes((10 << 20) + 123_457))
                let path = directory.path("export.bin")
                try big.write(to: URL(fileURLWithPath: path))
                try await s3.uploadMultipart(bucket: "reports", key: "exports/big file.bin", file: path, logger: logger)
                let fetched = try await s3.getObject(bucket: "reports", key: "exports/big file.bin", logger: logger)
                #expect(fetched.count == big.count)
                #expect(Crypto.sha256(fetched) == Crypto.sha256(big))
                #expect(logs.all.filter { $0.message == "s3 part uploaded" }.count == 3)

                // A single PUT streamed from a file.
                try await s3.putObject(bucket: "reports", key: "from-file.bin", body: .file(path: path), logger: logger)
                let again = try await s3.getObject(bucket: "reports", key: "from-file.bin", logger: logger)
                #expect(Crypto.sha256(again) == Crypto.sha256(big))
            }
            Self.expectNoSecret(fields[3], in: logs)
        }
    }

    @Test func aBadSignatureIsRefused() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "s3")
        try await withFixture({ try await Fixtures.python("moto_s3.py") }) { _, fields in
            try await withExecutor { executor in
                try await Self.client(fields, executor: executor).createBucket("reports", logger: logger)
                let wrongSecret = "not-the-secret-" + fields[3].prefix(8)
                let forged = Self.client(fields, executor: executor, secret: wrongSecret)
                let error = await #expect(throws: IntegrationError.self) {
                    try await forged.putObject(bucket: "reports", key: "x.txt", body: .bytes(Data("x".utf8)), logger: logger)
                }
                #expect(error?.code == .httpStatus)
                #expect(error?.status == 403)
                #expect(error?.bodyExcerpt?.contains("SignatureDoesNotMatch") == true)
                #expect(!"\(String(describing: error))".contains(wrongSecret))
                Self.expectNoSecret(wrongSecret, in: logs)
            }
            Self.expectNoSecret(fields[3], in: logs)
        }
    }

    @Test func aFailedMultipartUploadIsAborted() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "s3")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await withFixture({ try await Fixtures.python("moto_s3.py") }) { _, fields in
            try await withExecutor { executor in
                // 1 MiB parts are below S3's 5 MiB minimum: CompleteMultipartUpload fails.
                let s3 = Self.client(fields, executor: executor, partSize: 1 << 20)
                try await s3.createBucket("reports", logger: logger)
                let path = directory.path("small-parts.bin")
                try Data(Crypto.randomBytes((2 << 20) + 10)).write(to: URL(fileURLWithPath: path))
                let error = await #expect(throws: IntegrationError.self) {
                    try await s3.uploadMultipart(bucket: "reports", key: "too-small.bin", file: path, logger: logger)
                }
                #expect(error?.bodyExcerpt?.contains("EntityTooSmall") == true)
                #expect(logs.all.contains { $0.message == "s3 multipart upload aborted" })

                // Nothing is left pending (ListMultipartUploads).
                let list = try await s3.signedRequest("GET", bucket: "reports", key: nil, query: [("uploads", "")], date: Date())
                let pending = try await HTTPClient(executor: executor).execute(list, logger: logger).text
                #expect(pending.contains("ListMultipartUploadsResult"))
                #expect(!pending.contains("<UploadId>"))
            }
        }
    }

    @Test func virtualHostedAndPathStyleURLs() async throws {
        try await withExecutor { executor in
            let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
            let http = HTTPClient(executor: executor)
            let date = Date(timeIntervalSince1970: 1_440_938_160)
            let aws = S3Client(configuration: .aws(region: "eu-west-1", credentials: credentials), http: http)
            let virtual = try await aws.signedRequest("PUT", bucket: "reports", key: "daily/a b.csv", date: date)
            #expect(virtual.url == "https://reports.s3.eu-west-1.amazonaws.com/daily/a%20b.csv")
            #expect(virtual.headers.first { $0.name == "Host" }?.value == "reports.s3.eu-west-1.amazonaws.com")
            #expect(virtual.headers.contains { $0.name == "Authorization"
                && $0.value.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/s3/aws4_request, "
                    + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=") })

            let minio = S3Client(configuration: .init(endpoint: "http://127.0.0.1:9000/minio", region: "us-east-1",
                                                      usesPathStyle: true, credentials: credentials), http: http)
            let pathStyle = try await minio.signedRequest("POST", bucket: "reports", key: "big.bin", query: [("uploads", "")], date: date)
            #expect(pathStyle.url == "http://127.0.0.1:9000/minio/reports/big.bin?uploads")
            #expect(pathStyle.headers.first { $0.name == "Host" }?.value == "127.0.0.1:9000")

            let gcs = S3Client(configuration: .gcsInteroperability(credentials: credentials), http: http)
            #expect(try await gcs.signedRequest("GET", bucket: "b", key: "k", date: date).url == "https://storage.googleapis.com/b/k")
        }
    }

    @Test func aFileBodyIsHashedForTheSignature() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try await withExecutor { executor in
            let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
            let s3 = S3Client(configuration: .aws(region: "eu-west-1", credentials: credentials), http: HTTPClient(executor: executor))
            let content = Data(Crypto.randomBytes(3 << 20))
            let path = directory.path("body.bin")
            try content.write(to: URL(fileURLWithPath: path))
            let signed = try await s3.signedRequest("PUT", bucket: "reports", key: "k", body: .file(path: path), date: Date())
            #expect(signed.headers.first { $0.name == "X-Amz-Content-Sha256" }?.value == Crypto.sha256(content).hexString)

            let missing = await #expect(throws: IntegrationError.self) {
                try await s3.signedRequest("PUT", bucket: "reports", key: "k", body: .file(path: directory.path("none")), date: Date())
            }
            #expect(missing?.code == .localIO)
        }
    }

    static func expectNoSecret(_ secret: String, in logs: CapturedLogs) {
        for entry in logs.all {
            #expect(!entry.message.contains(secret))
            #expect(!entry.metadata.values.contains { $0.contains(secret) })
        }
    }
}
