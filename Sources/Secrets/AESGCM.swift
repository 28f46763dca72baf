import COpenSSL

/// AES-256-GCM through OpenSSL's EVP interface: 96-bit nonce, 128-bit tag.
enum AESGCM {
    static func seal(
        _ plaintext: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8]
    ) throws(SecretsError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        let context = try makeContext()
        defer { EVP_CIPHER_CTX_free(context) }
        var length: Int32 = 0
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: SecretEnvelope.tagCount)
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
            EVP_EncryptInit_ex(context, nil, nil, key, nonce) == 1,
            EVP_EncryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
            EVP_EncryptUpdate(context, &ciphertext, &length, plaintext, Int32(plaintext.count)) == 1
        else { throw failure("encryption") }
        let written = Int(length)
        let finished = ciphertext.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(context, buffer.baseAddress! + written, &length)
        }
        guard finished == 1, EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tag.count), &tag) == 1 else {
            throw failure("encryption")
        }
        return (Array(ciphertext[..<(written + Int(length))]), tag)
    }

    static func open(
        _ ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8], associatedData: [UInt8]
    ) throws(SecretsError) -> [UInt8] {
        let context = try makeContext()
        defer { EVP_CIPHER_CTX_free(context) }
        var length: Int32 = 0
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var tag = tag
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
            EVP_DecryptInit_ex(context, nil, nil, key, nonce) == 1,
            EVP_DecryptUpdate(context, nil, &length, associatedData, Int32(associatedData.count)) == 1,
            EVP_DecryptUpdate(context, &plaintext, &length, ciphertext, Int32(ciphertext.count)) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tag.count), &tag) == 1
        else { throw failure("decryption") }
        let written = Int(length)
        let verified = plaintext.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(context, buffer.baseAddress! + written, &length)
        }
        guard verified == 1 else {
            // Nothing decrypted is returned: wipe it.
            plaintext.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            ERR_clear_error()
            throw SecretsError(code: .authenticationFailed, message: "the secret does not authenticate in this context")
        }
        return Array(plaintext[..<(written + Int(length))])
    }

    private static func makeContext() throws(SecretsError) -> OpaquePointer {
        guard let context = EVP_CIPHER_CTX_new() else {
            throw SecretsError(code: .cryptoFailure, message: "EVP_CIPHER_CTX_new failed")
        }
        return context
    }

    private static func failure(_ operation: String) -> SecretsError {
        let code = ERR_get_error()
        ERR_clear_error()
        return SecretsError(code: .cryptoFailure, message: "AES-256-GCM \(operation) failed (OpenSSL error \(code))")
    }
}
