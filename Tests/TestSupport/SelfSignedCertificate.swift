/// A self-signed server certificate for 127.0.0.1 and localhost (EC P-256,
/// one day), made with the openssl CLI, for local fixture servers.
public enum SelfSignedCertificate {
    /// (certificate path, key path) in `directory`.
    public static func make(in directory: TemporaryDirectory) throws -> (certificate: String, key: String) {
        let (certificate, key) = (directory.path("server.crt"), directory.path("server.key"))
        try ChildProcess.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ])
        return (certificate, key)
    }
}
