/// Seals and opens secrets at rest (OAuth tokens, export credentials) with
/// AES-256-GCM under the keyring's keys: a fresh random 96-bit nonce per
/// seal, a 128-bit tag, and the ``SecretContext`` (tenant, table, row,
/// column) plus the envelope header as associated data. Opening anything
/// altered, moved, or sealed under an unknown key is an error, never garbage.
public struct SecretBox: Sendable {
    public let keyring: Keyring

    public init(keyring: Keyring) {
        self.keyring = keyring
    }

    /// The envelope (store it as bytea) of `plaintext` under the current key.
    public func seal(_ plaintext: [UInt8], for context: SecretContext) throws(SecretsError) -> [UInt8] {
        let key = keyring.current
        let nonce = try Random.bytes(SecretEnvelope.nonceCount)
        var envelope = SecretEnvelope(keyID: key.id, nonce: nonce, ciphertext: [], tag: [])
        let sealed = try AESGCM.seal(
            plaintext, key: key.bytes, nonce: nonce, associatedData: context.associatedData(header: envelope.header))
        envelope.ciphertext = sealed.ciphertext
        envelope.tag = sealed.tag
        return envelope.bytes
    }

    public func seal(_ plaintext: String, for context: SecretContext) throws(SecretsError) -> [UInt8] {
        try seal(Array(plaintext.utf8), for: context)
    }

    /// The plaintext of `envelope`, sealed for exactly `context`.
    public func open(_ envelope: [UInt8], for context: SecretContext) throws(SecretsError) -> [UInt8] {
        let parsed = try SecretEnvelope(parsing: envelope)
        guard let key = keyring.key(id: parsed.keyID) else {
            throw SecretsError(code: .unknownKey, message: "the secret is sealed under key \(parsed.keyID), which is not configured")
        }
        return try AESGCM.open(
            parsed.ciphertext, tag: parsed.tag, key: key.bytes, nonce: parsed.nonce,
            associatedData: context.associatedData(header: parsed.header))
    }

    public func openString(_ envelope: [UInt8], for context: SecretContext) throws(SecretsError) -> String {
        let bytes = try open(envelope, for: context)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SecretsError(code: .malformedEnvelope, message: "the secret is not UTF-8 text")
        }
        return text
    }

    /// The id of the key `envelope` is sealed under.
    public func keyID(of envelope: [UInt8]) throws(SecretsError) -> String {
        try SecretEnvelope(parsing: envelope).keyID
    }

    /// `envelope` re-sealed under the current key (a new nonce too), or nil
    /// when it already is. Opening proves it belongs to `context`.
    public func resealed(_ envelope: [UInt8], for context: SecretContext) throws(SecretsError) -> [UInt8]? {
        guard try keyID(of: envelope) != keyring.current.id else { return nil }
        return try seal(try open(envelope, for: context), for: context)
    }
}
