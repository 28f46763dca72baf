import Foundation
import Integrations
import Logging
import Testing
import TestSupport

/// The JSON API upload with a service-account JWT, against the HTTPS fake,
/// which verifies the RS256 assertion with Python's cryptography package.
@Suite(.timeLimit(.minutes(1)), .enabled(if: Fixtures.hasGCSFake, "python3's cryptography package or openssl is missing"))
struct GCSTests {
    @Test func uploadsWithAServiceAccountToken() async throws {
        let logs = CapturedLogs()
        let logger = logs.logger(label: "gcs")
        let keys = try TemporaryDirectory()
        defer { keys.remove() }
        let (privateKey, publicKey) = (keys.path("sa.pem"), keys.path("sa.pub.pem"))
        try ChildProcess.run("/usr/bin/openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", privateKey])
        try ChildProcess.run("/usr/bin/openssl", ["pkey", "-in", privateKey, "-pubout", "-out", publicKey])
        let email = "exports@attribution-test.iam.gserviceaccount.com"
        try await HTTPSFake.with(environment: ["FAKE_GCS_PUBLIC_KEY": publicKey, "FAKE_GCS_ACCOUNT": email]) { fake in
            try await withExecutor { executor in
                let keyFile = try JSONSerialization.data(withJSONObject: [
                    "type": "service_account", "client_email": email,
                    "private_key": try String(contentsOfFile: privateKey, encoding: .utf8), "token_uri": fake.url("/gcs/token"),
                ])
                let account = try ServiceAccountKey(json: keyFile)
                let gcs = GCSClient(
                    configuration: .init(serviceAccount: account, uploadBaseURL: fake.url("/upload/storage/v1")),
                    http: fake.client(executor: executor))
                let first = Data(Crypto.randomBytes(40_000))
                let object = try await gcs.upload(bucket: "attr-exports", name: "tenant-1/orders 2026-11.csv", body: .bytes(first),
                                                  contentType: "text/csv", logger: logger)
                #expect(object["name"] as? String == "tenant-1/orders 2026-11.csv")
                try await gcs.upload(bucket: "attr-exports", name: "second.bin", body: .bytes(Data("2".utf8)), logger: logger)

                let state = try await fake.state(executor: executor)
                #expect(state["gcs_token_requests"] as? Int == 1)  // the token is cached
                let objects = try #require(state["gcs_objects"] as? [[String: String]])
                #expect(objects.first?["sha256"] == Crypto.sha256(first).hexString)
                #expect(objects.first?["contentType"] == "text/csv")
                #expect(objects.count == 2)
                #expect(!"\(account)".contains("PRIVATE KEY"))
                for entry in logs.all { #expect(!entry.message.contains("ya29.") && !entry.metadata.values.contains { $0.contains("ya29.") }) }
            }
        }
    }
}
