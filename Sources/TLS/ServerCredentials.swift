import COpenSSL

/// The server's TLS material, loaded and cross-checked at start-up so that a
/// wrong path or a mismatched key is reported before anything listens.
public final class ServerCredentials: @unchecked Sendable {
    /// Leaf first, then any intermediates.
    public let certificateChain: [X509Certificate]
    /// The `EVP_PKEY`; immutable after init.
    let privateKey: OpaquePointer
    /// Verifies client certificates: the CA bundle plus the CRL, if any.
    public let clientVerifier: CertificateVerifier

    public init(
        certificateFile: String,
        privateKeyFile: String,
        clientCAFile: String,
        crlFile: String?
    ) throws(TLSError) {
        let chain = try X509Certificate.load(pemFile: certificateFile)
        let bio = try PEMFile.open(privateKeyFile)
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
            throw TLSError.fromQueue(.invalidPEM, "\(privateKeyFile) holds no PEM private key")
        }
        guard X509_check_private_key(chain[0].pointer, key) == 1 else {
            EVP_PKEY_free(key)
            throw TLSError.fromQueue(.keyMismatch, "\(privateKeyFile) is not the key of \(certificateFile)")
        }
        do {
            self.clientVerifier = try CertificateVerifier(caFile: clientCAFile, crlFile: crlFile)
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        self.certificateChain = chain
        self.privateKey = key
    }

    deinit {
        EVP_PKEY_free(privateKey)
    }
}
