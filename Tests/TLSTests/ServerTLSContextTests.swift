import TLS
import TestSupport
import Testing

@Suite("Server TLS context", .enabled(if: TestEnvironment.hasDevPKI, "certs/dev missing: run certs/dev-pki.sh or make test"))
struct ServerTLSContextTests {
    @Test func keyOfAnotherCertificateIsAMismatch() {
        do {
            _ = try TLSContext.server(
                certificateChain: DevPKI.serverCertificate, privateKey: DevPKI.path("clients/tenant1-admin.key"),
                clientCA: DevPKI.caCertificate)
            Issue.record("accepted a key that is not the certificate's")
        } catch {
            #expect(error.code == .keyMismatch)
        }
    }

    @Test func missingAndNonPEMFilesAreNamed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let garbage = try directory.write("garbage.pem", "not a certificate\n")
        let cases: [(String, String, String, String?, TLSError.Code)] = [
            ("/nonexistent.crt", DevPKI.serverKey, DevPKI.caCertificate, nil, .invalidPEM),
            (DevPKI.serverCertificate, "/nonexistent.key", DevPKI.caCertificate, nil, .unreadableFile),
            (garbage, DevPKI.serverKey, DevPKI.caCertificate, nil, .invalidPEM),
            (DevPKI.serverCertificate, garbage, DevPKI.caCertificate, nil, .invalidPEM),
            (DevPKI.serverCertificate, DevPKI.serverKey, garbage, nil, .invalidPEM),
            (DevPKI.serverCertificate, DevPKI.serverKey, DevPKI.caCertificate, garbage, .invalidPEM),
        ]
        for (certificate, key, ca, crl, code) in cases {
            do {
                _ = try TLSContext.server(certificateChain: certificate, privateKey: key, clientCA: ca, crl: crl)
                Issue.record("accepted \(certificate) \(key) \(ca) \(crl ?? "")")
            } catch {
                #expect(error.code == code)
                #expect(error.message.contains("/"), "the message names the file: \(error.message)")
            }
        }
    }
}
