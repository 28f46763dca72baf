import Foundation
import Secrets
import TestSupport
import Testing

@Suite("Secrets at rest: AES-256-GCM envelopes")
struct SecretBoxTests {
    static let keyA = try! MasterKey.generate(id: "key-a")
    static let keyB = try! MasterKey.generate(id: "key-b")
    let box = SecretBox(keyring: try! Keyring([keyA]))
    let context = SecretContext(tenantID: UUID(), table: "attribution_platform_connections", rowID: UUID(), column: "encrypted_credentials")
    let plaintext = Array(#"{"access_token":"ya29.secret-token"}"#.utf8)

    @Test func roundTripWithAFreshNoncePerSeal() throws {
        let first = try box.seal(plaintext, for: context)
        let second = try box.seal(plaintext, for: context)
        #expect(first != second, "a fresh random nonce each time")
        #expect(try box.open(first, for: context) == plaintext)
        #expect(try box.open(second, for: context) == plaintext)
        #expect(try box.keyID(of: first) == "key-a")
        // version + id length + "key-a" + nonce 12 + ciphertext + tag 16
        #expect(first.count == 2 + 5 + 12 + plaintext.count + 16)
        #expect(try box.openString(try box.seal("", for: context), for: context) == "")
    }

    /// Regions of an envelope sealed under "key-a": header 7 bytes, nonce 12, tag last 16.
    @Test(arguments: [("nonce", 7), ("nonce", 18), ("ciphertext", 19), ("ciphertext", -17), ("tag", -16), ("tag", -1)])
    func aFlippedBitAnywhereFailsToOpen(_ region: String, _ offset: Int) throws {
        var sealed = try box.seal(plaintext, for: context)
        let index = offset >= 0 ? offset : sealed.count + offset
        sealed[index] ^= 0x01
        #expect(throws: SecretsError.self, "flipped bit in the \(region)") { try box.open(sealed, for: context) }
        do {
            _ = try box.open(sealed, for: context)
        } catch {
            #expect(error.code == .authenticationFailed)
        }
    }

    @Test func changedAssociatedDataFailsToOpen() throws {
        let sealed = try box.seal(plaintext, for: context)
        var variants: [SecretContext] = []
        var other = context
        other.tenantID = UUID()
        variants.append(other)
        other = context
        other.rowID = UUID()
        variants.append(other)
        other = context
        other.table = "attribution_export_configs"
        variants.append(other)
        other = context
        other.column = "credentials_iv"
        variants.append(other)
        for variant in variants {
            do {
                _ = try box.open(sealed, for: variant)
                Issue.record("opened in \(variant)")
            } catch {
                #expect(error.code == .authenticationFailed)
            }
        }
    }

    @Test func headerTamperingAndTruncationAreErrorsNotGarbage() throws {
        let sealed = try box.seal(plaintext, for: context)
        var renamed = sealed
        renamed[6] = UInt8(ascii: "b")  // "key-a" -> "key-b", a key the box does not hold
        #expect(throws: SecretsError(code: .unknownKey, message: "the secret is sealed under key key-b, which is not configured")) {
            try box.open(renamed, for: context)
        }
        let both = SecretBox(keyring: try Keyring([Self.keyB, Self.keyA]))
        #expect(throws: SecretsError.self) { try both.open(renamed, for: context) }
        var version = sealed
        version[0] = 2
        for broken in [version, Array(sealed.prefix(20)), [], Array(sealed.dropLast())] {
            #expect(throws: SecretsError.self) { try box.open(broken, for: context) }
        }
    }

    @Test func olderKeysStillOpenAndResealMovesToTheCurrentKey() throws {
        let sealedUnderA = try box.seal(plaintext, for: context)
        let rotated = SecretBox(keyring: try Keyring([Self.keyB, Self.keyA]))
        #expect(try rotated.open(sealedUnderA, for: context) == plaintext)
        let resealed = try #require(try rotated.resealed(sealedUnderA, for: context))
        #expect(try rotated.keyID(of: resealed) == "key-b")
        #expect(try rotated.resealed(resealed, for: context) == nil, "already current")
        #expect(throws: SecretsError.self) { try box.open(resealed, for: context) }
    }

    @Test func keyFilesParseAndTheirErrorsNeverShowKeyMaterial() throws {
        let keyText = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let keyring = try Keyring(parsing: "# current first\nnew:\(keyText)\n\nold:\(Data(repeating: 7, count: 32).base64EncodedString())\n", source: "test")
        #expect(keyring.current.id == "new")
        #expect(keyring.ids == ["new", "old"])
        #expect(!"\(keyring)".contains(keyText))
        #expect(!"\(keyring.current)".contains(keyText))

        let short = Data(repeating: 1, count: 16).base64EncodedString()
        let cases = ["", "nokey", "id:!!notbase64!!", "id:\(short)", "bad id:\(keyText)", "a:\(keyText),a:\(keyText)"]
        for text in cases {
            do {
                _ = try Keyring(parsing: text, source: "test")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.code == .invalidKey)
                #expect(!error.message.contains(keyText) && !error.message.contains(short))
            }
        }
    }

    @Test func aKeyFileReadableByOthersIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("master.key", "k1:\(Data(repeating: 9, count: 32).base64EncodedString())\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: SecretsError.self) { try Keyring(contentsOfFile: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try Keyring(contentsOfFile: path).current.id == "k1")
    }
}
