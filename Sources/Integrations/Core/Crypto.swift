public import Foundation
import COpenSSL

/// SHA-256 and HMAC-SHA256 through OpenSSL (SigV4, Standard Webhooks, PKCE).
public enum Crypto {
    public static func sha256(_ data: some DataProtocol) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(data)
        bytes.withUnsafeBufferPointer { input in
            _ = EVP_Digest(input.baseAddress, input.count, &digest, nil, EVP_sha256(), nil)
        }
        return digest
    }

    public static func hmacSHA256(key: some DataProtocol, _ data: some DataProtocol) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let keyBytes = Array(key)
        let dataBytes = Array(data)
        keyBytes.withUnsafeBufferPointer { key in
            dataBytes.withUnsafeBufferPointer { input in
                _ = HMAC(EVP_sha256(), key.baseAddress, Int32(key.count), input.baseAddress, input.count, &digest, &length)
            }
        }
        return Array(digest.prefix(Int(length)))
    }

    /// SHA-256 of a file, read in 1 MiB chunks.
    public static func sha256(fileAt path: String) throws(IntegrationError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IntegrationError(.localIO, "cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        guard let context = EVP_MD_CTX_new() else { throw IntegrationError(.localIO, "out of memory") }
        defer { EVP_MD_CTX_free(context) }
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw IntegrationError(.localIO, "reading \(path) failed: \(error)")
            }
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest
    }

    /// Cryptographically secure random bytes (OpenSSL's RAND_bytes).
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        precondition(RAND_bytes(&bytes, Int32(count)) == 1, "RAND_bytes failed")
        return bytes
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// base64url without padding (RFC 4648 section 5), as PKCE wants.
    public var base64URLString: String {
        Data(self).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
