/// Fired down the pipeline (as a user inbound event) by `OpenSSLHandler`.
public enum TLSEvent: Sendable {
    /// The handshake finished; `peerCertificate` is the verified peer's leaf.
    case handshakeCompleted(TLSHandshakeResult)
}

public struct TLSHandshakeResult: Sendable {
    /// The peer's verified leaf certificate (always present on a server: one is required).
    public let peerCertificate: X509Certificate?
    /// e.g. `TLSv1.3`.
    public let protocolVersion: String
    /// e.g. `TLS_AES_128_GCM_SHA256`.
    public let cipher: String
}
