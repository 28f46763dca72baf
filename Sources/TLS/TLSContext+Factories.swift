import COpenSSL

extension TLSContext {
    /// A server context: presents `certificateChain`, requires a client
    /// certificate that chains to `clientCA` (and is not revoked by `crl`).
    public static func server(
        certificateChain: String,
        privateKey: String,
        clientCA: String,
        crl: String? = nil,
        minimumVersion: MinimumVersion = .tls13
    ) throws(TLSError) -> TLSContext {
        let context = try TLSContext(role: .server, minimumVersion: minimumVersion)
        try context.useCertificate(chainFile: certificateChain, keyFile: privateKey)
        try context.trust(caFile: clientCA, crlFile: crl)
        SSL_CTX_set_verify(context.context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        if let names = SSL_load_client_CA_file(clientCA) {
            SSL_CTX_set_client_CA_list(context.context, names)
        }
        ERR_clear_error()
        return context
    }

    /// A client context: presents `certificateChain` (when given) and verifies
    /// the server against `trustedCA` and `serverName`.
    public static func client(
        serverName: String,
        trustedCA: String,
        certificateChain: String?,
        privateKey: String?,
        minimumVersion: MinimumVersion = .tls13
    ) throws(TLSError) -> TLSContext {
        let context = try TLSContext(role: .client(serverName: serverName), minimumVersion: minimumVersion)
        if let certificateChain, let privateKey {
            try context.useCertificate(chainFile: certificateChain, keyFile: privateKey)
        }
        try context.trust(caFile: trustedCA, crlFile: nil)
        SSL_CTX_set_verify(context.context, SSL_VERIFY_PEER, nil)
        return context
    }
}
