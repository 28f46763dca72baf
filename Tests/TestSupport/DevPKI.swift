public import Foundation

/// The certificates `certs/dev-pki.sh` makes, and the identities it promises.
/// The constants here restate certs/README.md independently of the script.
public enum DevPKI {
    public static let directory: URL = {
        if let path = TestEnvironment.variables["ATTR_DEV_PKI_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return TestEnvironment.repositoryRoot.appendingPathComponent("certs/dev")
    }()

    public static let trustDomain = "attribution.local"
    public static let tenant1 = "7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d"
    public static let tenant2 = "0e9f8a7b-6c5d-4e3f-a2b1-c0d9e8f7a6b5"

    public static var isPresent: Bool {
        FileManager.default.fileExists(atPath: path("ca.crt"))
    }

    /// The absolute path of a file of the PKI, e.g. `clients/tenant1-admin.crt`.
    public static func path(_ relative: String) -> String {
        directory.appendingPathComponent(relative).path
    }

    public static var caCertificate: String { path("ca.crt") }
    public static var crl: String { path("ca.crl") }
    public static var serverCertificate: String { path("server.crt") }
    public static var serverKey: String { path("server.key") }

    /// The SPIFFE ID of a principal of the dev PKI.
    public static func spiffeID(tenant: String, kind: String, id: String, domain: String = trustDomain) -> String {
        "spiffe://\(domain)/tenant/\(tenant)/\(kind)/\(id)"
    }
}
