import COpenSSL
public import Foundation

/// Verifies certificates with OpenSSL's own path validation against a CA
/// bundle, and against a CRL when one is given. Never hand-written X.509 checks.
public final class CertificateVerifier: @unchecked Sendable {
    /// What a certificate is being verified for: checks the extended key usage.
    public enum Purpose: Sendable {
        case tlsClient
        case tlsServer
    }

    /// OpenSSL's verdict: `code` is an `X509_V_*` value, `reason` its text.
    public struct Verdict: Hashable, Sendable, CustomStringConvertible {
        public let code: Int32
        public let reason: String
        public var isValid: Bool { code == X509_V_OK }
        public var description: String { isValid ? "ok" : "\(reason) (X509_V error \(code))" }

        public static let revoked = X509_V_ERR_CERT_REVOKED
        public static let expired = X509_V_ERR_CERT_HAS_EXPIRED
        public static let notYetValid = X509_V_ERR_CERT_NOT_YET_VALID
        public static let unknownIssuer = X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    }

    /// The X509_STORE; immutable after init, which OpenSSL allows to be shared.
    let store: OpaquePointer

    /// - Parameters:
    ///   - caFile: PEM bundle of trusted CA certificates.
    ///   - crlFile: PEM file of CRLs; when given, every certificate's revocation is checked.
    public init(caFile: String, crlFile: String? = nil) throws(TLSError) {
        let roots = try X509Certificate.load(pemFile: caFile)
        let store = X509_STORE_new()!
        for root in roots where X509_STORE_add_cert(store, root.pointer) != 1 {
            X509_STORE_free(store)
            throw TLSError.fromQueue(.openSSL, "cannot add a CA certificate of \(caFile)")
        }
        if let crlFile {
            do throws(TLSError) {
                try Self.addCRLs(from: crlFile, to: store)
            } catch {
                X509_STORE_free(store)
                throw error
            }
        }
        self.store = store
    }

    deinit {
        X509_STORE_free(store)
    }

    /// Verifies `certificate` (and `intermediates`, leaf first excluded) for `purpose` at `date`.
    public func verify(
        _ certificate: X509Certificate,
        for purpose: Purpose,
        at date: Date? = nil
    ) -> Verdict {
        let context = X509_STORE_CTX_new()!
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, certificate.pointer, nil) == 1 else {
            return Verdict(code: X509_V_ERR_UNSPECIFIED, reason: OpenSSLErrorQueue.drain().joined(separator: "; "))
        }
        X509_STORE_CTX_set_purpose(context, purpose == .tlsClient ? X509_PURPOSE_SSL_CLIENT : X509_PURPOSE_SSL_SERVER)
        if let date {
            X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(context), time_t(date.timeIntervalSince1970))
        }
        _ = X509_verify_cert(context)
        ERR_clear_error()
        let code = X509_STORE_CTX_get_error(context)
        return Verdict(code: code, reason: String(cString: X509_verify_cert_error_string(Int(code))))
    }

    /// Adds every CRL of a PEM file to `store` and turns on revocation checks.
    static func addCRLs(from path: String, to store: OpaquePointer) throws(TLSError) {
        let bio = try PEMFile.open(path)
        defer { BIO_free(bio) }
        var count = 0
        while let crl = PEM_read_bio_X509_CRL(bio, nil, nil, nil) {
            defer { X509_CRL_free(crl) }
            guard X509_STORE_add_crl(store, crl) == 1 else {
                throw TLSError.fromQueue(.openSSL, "cannot add a CRL of \(path)")
            }
            count += 1
        }
        ERR_clear_error()
        guard count > 0 else {
            throw TLSError(code: .invalidPEM, message: "\(path) holds no PEM CRL")
        }
        X509_STORE_set_flags(store, UInt(X509_V_FLAG_CRL_CHECK))
    }
}
