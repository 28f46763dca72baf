import Identity
import TLS

/// Reads the caller's principal from the verified client certificate: the
/// clientAuth extended key usage, exactly one URI SAN, a SPIFFE ID of this
/// trust domain naming a tenant and a principal.
enum PeerIdentity {
    static func principal(from handshake: TLSHandshakeResult, trustDomain: TrustDomain) throws(IdentityError) -> Principal {
        guard let certificate = handshake.peerCertificate else {
            throw IdentityError(code: .missingCertificate, message: "the client presented no certificate")
        }
        guard certificate.hasClientAuthUsage else {
            throw IdentityError(code: .missingClientAuthUsage, message: "the client certificate lacks the clientAuth extended key usage")
        }
        let uris = certificate.uriSubjectAlternativeNames
        guard uris.count == 1 else {
            throw IdentityError(
                code: .missingURISAN,
                message: uris.isEmpty ? "the client certificate has no URI SAN"
                    : "the client certificate has \(uris.count) URI SANs; an X.509-SVID has exactly one"
            )
        }
        return try Principal(uri: uris[0], trustDomain: trustDomain)
    }
}
