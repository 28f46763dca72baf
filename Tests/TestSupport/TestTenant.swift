public import Foundation

/// A fresh tenant for one test, with client certificates issued for it by
/// the dev CA (`openssl x509 -req`, no CA database, so tests can issue in
/// parallel). Tests that write tenant data each use their own, so that they
/// neither see nor disturb each other's rows.
public struct TestTenant: Sendable {
    public let id: UUID
    public let directory: TemporaryDirectory

    public init() throws {
        id = UUID()
        directory = try TemporaryDirectory()
    }

    /// The id as SPIFFE IDs and the database write it.
    public var idString: String { id.uuidString.lowercased() }

    /// The certificate and key (PEM paths) of `kind`/`name` in this tenant,
    /// issued on first use.
    public func credentials(kind: String, name: String) throws -> (certificate: String, key: String) {
        let base = directory.path("\(kind)-\(name)")
        let (certificate, key) = (base + ".crt", base + ".key")
        if FileManager.default.fileExists(atPath: certificate) { return (certificate, key) }
        let spiffe = DevPKI.spiffeID(tenant: idString, kind: kind, id: name)
        let extensions = try directory.write(
            "\(kind)-\(name).ext",
            """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = clientAuth
            subjectAltName = URI:\(spiffe)
            """)
        let openssl = "/usr/bin/openssl"
        try ChildProcess.run(openssl, ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key])
        try ChildProcess.run(openssl, ["req", "-new", "-key", key, "-subj", "/O=Attribution Test/CN=\(name)", "-out", base + ".csr"])
        try ChildProcess.run(openssl, [
            "x509", "-req", "-in", base + ".csr", "-CA", DevPKI.caCertificate, "-CAkey", DevPKI.path("ca/ca.key"),
            "-set_serial", "0x" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(30),
            "-days", "2", "-sha256", "-extfile", extensions, "-out", certificate,
        ])
        return (certificate, key)
    }
}
