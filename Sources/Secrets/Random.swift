import COpenSSL

enum Random {
    /// `count` bytes from OpenSSL's CSPRNG.
    static func bytes(_ count: Int) throws(SecretsError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else {
            throw SecretsError(code: .cryptoFailure, message: "RAND_bytes failed")
        }
        return bytes
    }
}
