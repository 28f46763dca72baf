/// The stored form of a secret (bytea), version 1:
///
/// ```
/// 0x01 | key-id length (1 byte) | key id (UTF-8) | nonce (12) | ciphertext | tag (16)
/// ```
///
/// The header (version and key id) is also part of the associated data.
struct SecretEnvelope: Hashable {
    static let version: UInt8 = 1
    static let nonceCount = 12
    static let tagCount = 16

    var keyID: String
    var nonce: [UInt8]
    var ciphertext: [UInt8]
    var tag: [UInt8]

    var header: [UInt8] { [Self.version, UInt8(keyID.utf8.count)] + Array(keyID.utf8) }

    var bytes: [UInt8] { header + nonce + ciphertext + tag }

    init(keyID: String, nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.tag = tag
    }

    init(parsing bytes: [UInt8]) throws(SecretsError) {
        guard bytes.count >= 2, bytes[0] == Self.version else {
            throw SecretsError(code: .malformedEnvelope, message: "not a version \(Self.version) secret envelope")
        }
        let idCount = Int(bytes[1])
        let nonceStart = 2 + idCount
        guard idCount > 0, bytes.count >= nonceStart + Self.nonceCount + Self.tagCount else {
            throw SecretsError(code: .malformedEnvelope, message: "secret envelope too short")
        }
        let keyID = String(decoding: bytes[2..<nonceStart], as: UTF8.self)
        guard MasterKey.isValidID(keyID) else {
            throw SecretsError(code: .malformedEnvelope, message: "secret envelope has an invalid key id")
        }
        let cipherStart = nonceStart + Self.nonceCount
        let tagStart = bytes.count - Self.tagCount
        self.init(
            keyID: keyID,
            nonce: Array(bytes[nonceStart..<cipherStart]),
            ciphertext: Array(bytes[cipherStart..<tagStart]),
            tag: Array(bytes[tagStart...]))
    }
}
