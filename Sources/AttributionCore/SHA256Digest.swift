import COpenSSL

/// SHA-256 through OpenSSL's EVP interface.
enum SHA256Digest {
    /// The lowercase hex digest of `text`'s UTF-8 bytes.
    static func hex(_ text: String) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `text` lower-cased when it is 64 hex characters of either case (what
    /// an already-hashed value looks like); nil otherwise.
    static func existingDigest(_ text: String) -> String? {
        let isHex = text.utf8.count == 64 && text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || (0x41...0x46).contains($0) || (0x61...0x66).contains($0)
        }
        return isHex ? text.lowercased() : nil
    }
}
