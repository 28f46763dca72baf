import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// An OpenSSL `SSL_CTX`: the configuration every connection of one side
/// (server or client) is made from. Immutable once built, so it is shared by
/// all event loops; reloading material means building a new context.
public final class TLSContext: @unchecked Sendable {
    /// The lowest TLS version accepted.
    public enum MinimumVersion: Sendable {
        case tls12
        case tls13

        var openSSLValue: Int32 { self == .tls12 ? TLS1_2_VERSION : TLS1_3_VERSION }
    }

    public enum Role: Sendable {
        case server
        /// `serverName` is checked against the server certificate (DNS name or IP address) and sent as SNI.
        case client(serverName: String)
    }

    let context: OpaquePointer
    public let role: Role

    init(role: Role, minimumVersion: MinimumVersion) throws(TLSError) {
        let method = if case .server = role { TLS_server_method() } else { TLS_client_method() }
        guard let context = SSL_CTX_new(method) else {
            throw TLSError.fromQueue(.openSSL, "SSL_CTX_new failed")
        }
        self.context = context
        self.role = role
        guard attr_ssl_ctx_set_min_proto_version(context, minimumVersion.openSSLValue) == 1 else {
            throw TLSError.fromQueue(.openSSL, "cannot set the minimum TLS version")
        }
        // Idle connections give their read and write buffers back.
        _ = attr_ssl_ctx_set_mode(context, attr_ssl_ctx_release_buffers_mode())
        // No session tickets: they cost a write per connection and resumption is not used.
        _ = SSL_CTX_set_num_tickets(context, 0)
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// Loads the certificate chain and its private key, and checks they belong together.
    func useCertificate(chainFile: String, keyFile: String) throws(TLSError) {
        guard SSL_CTX_use_certificate_chain_file(context, chainFile) == 1 else {
            throw TLSError.fromQueue(.invalidPEM, "cannot load the certificate chain \(chainFile)")
        }
        let bio = try PEMFile.open(keyFile)
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
            throw TLSError.fromQueue(.invalidPEM, "\(keyFile) holds no PEM private key")
        }
        defer { EVP_PKEY_free(key) }
        guard X509_check_private_key(SSL_CTX_get0_certificate(context), key) == 1,
            SSL_CTX_use_PrivateKey(context, key) == 1
        else {
            throw TLSError.fromQueue(.keyMismatch, "\(keyFile) is not the key of \(chainFile)")
        }
    }

    /// Trusts the CAs of `caFile` for verifying the peer, checking `crlFile`'s revocations if given.
    func trust(caFile: String, crlFile: String?) throws(TLSError) {
        guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
            throw TLSError.fromQueue(.invalidPEM, "cannot load the CA bundle \(caFile)")
        }
        if let crlFile {
            try CertificateVerifier.addCRLs(from: crlFile, to: SSL_CTX_get_cert_store(context))
        }
    }

    /// A new `SSL` for one connection. The caller frees it.
    func makeConnection() throws(TLSError) -> OpaquePointer {
        guard let ssl = SSL_new(context) else {
            throw TLSError.fromQueue(.openSSL, "SSL_new failed")
        }
        switch role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client(let serverName):
            SSL_set_connect_state(ssl)
            // An IP literal is checked against IP SANs; anything else is a host name (and SNI).
            var scratch = in6_addr()
            let isAddress = inet_pton(AF_INET, serverName, &scratch) == 1 || inet_pton(AF_INET6, serverName, &scratch) == 1
            let checked = isAddress
                ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName) == 1
                : SSL_set1_host(ssl, serverName) == 1 && attr_ssl_set_sni_host_name(ssl, serverName) == 1
            guard checked else {
                SSL_free(ssl)
                throw TLSError.fromQueue(.openSSL, "cannot set the expected server name '\(serverName)'")
            }
        }
        return ssl
    }
}
