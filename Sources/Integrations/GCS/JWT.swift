import COpenSSL
import Foundation

/// JSON Web Tokens signed with RS256 (RSASSA-PKCS1-v1_5 with SHA-256) through OpenSSL.
enum JWT {
    static func rs256(claims: [String: Any], privateKeyPEM: String) throws(IntegrationError) -> String {
        let header = #"{"alg":"RS256","typ":"JWT"}"#
        guard let claimsJSON = try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]) else {
            throw IntegrationError(.invalidRequest, "cannot encode the JWT claims")
        }
        let signingInput = Array(header.utf8).base64URLString + "." + Array(claimsJSON).base64URLString
        let signature = try sign(Array(signingInput.utf8), privateKeyPEM: privateKeyPEM)
        return signingInput + "." + signature.base64URLString
    }

    private static func sign(_ data: [UInt8], privateKeyPEM: String) throws(IntegrationError) -> [UInt8] {
        let pem = Array(privateKeyPEM.utf8)
        let key: OpaquePointer? = pem.withUnsafeBufferPointer { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw IntegrationError(.invalidRequest, "the service account private key is not a PEM key") }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { throw IntegrationError(.localIO, "out of memory") }
        defer { EVP_MD_CTX_free(context) }
        var length = 0
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1,
            EVP_DigestSign(context, nil, &length, data, data.count) == 1
        else { throw IntegrationError(.invalidRequest, "the private key cannot sign RS256") }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, data, data.count) == 1 else {
            throw IntegrationError(.invalidRequest, "RS256 signing failed")
        }
        return Array(signature.prefix(length))
    }
}
