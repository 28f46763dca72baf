import COpenSSL
public import Foundation

/// An X.509 certificate held by OpenSSL. Immutable once loaded, so it may be
/// shared across threads (OpenSSL allows concurrent reads of an `X509`).
public final class X509Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of one reference to `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }

    /// Every certificate in a PEM file, in file order (a chain: leaf first).
    public static func load(pemFile path: String) throws(TLSError) -> [X509Certificate] {
        let bio = try PEMFile.open(path)
        defer { BIO_free(bio) }
        var certificates: [X509Certificate] = []
        while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
            certificates.append(X509Certificate(taking: certificate))
        }
        // Reading stops with "no start line" at the end of the file; that is not an error.
        ERR_clear_error()
        guard !certificates.isEmpty else {
            throw TLSError(code: .invalidPEM, message: "\(path) holds no PEM certificate")
        }
        return certificates
    }

    public var notBefore: Date { Self.date(X509_get0_notBefore(pointer)) }
    public var notAfter: Date { Self.date(X509_get0_notAfter(pointer)) }

    /// The subject in OpenSSL's one-line RFC 2253 form, e.g. `CN=localhost,O=Attribution`.
    public var subject: String {
        let bio = BIO_new(BIO_s_mem())!
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, X509_get_subject_name(pointer), 0, attr_xn_flag_rfc2253())
        var start: UnsafeMutablePointer<CChar>?
        let count = attr_bio_get_mem_data(bio, &start)
        guard let start, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
