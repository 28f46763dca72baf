import ArgumentParser
import AttrdCore
import Foundation
import LayeredConfig
import Logging
import Secrets
import Storage
import TestSupport
import Testing

@Suite("attrd storage settings")
struct AttrdStorageSettingsTests {
    let file = #filePath
    let keyText = Data(repeating: 0x5a, count: 32).base64EncodedString()

    var minimalEnvironment: [String: String] {
        [
            "ATTRD_CERT": file, "ATTRD_KEY": file, "ATTRD_CA": file,
            "ATTRD_DATABASE_URL": "postgresql://attr_app@127.0.0.1:55432/attribution",
        ]
    }

    @Test func defaults() throws {
        let storage = try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).storage
        #expect(storage.ownerDatabase == nil)
        #expect(storage.poolSize == 10)
        #expect(storage.masterKeys == nil)
    }

    @Test func flagsAndEnvironment() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyFile = try directory.write("master.key", "# dev\nnew:\(keyText)\nold:\(Data(repeating: 1, count: 32).base64EncodedString())\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        var environment = minimalEnvironment
        environment["ATTRD_OWNER_DATABASE_URL"] = "postgresql://attr_owner:pw@127.0.0.1:55432/attribution"
        environment["ATTRD_DATABASE_POOL_SIZE"] = "4"
        environment["ATTRD_MASTER_KEY"] = "ignored:\(keyText)"
        let storage = try AttrdOptions.parse(["--database-pool-size", "25", "--master-key-file", keyFile])
            .resolve(environment: environment).storage
        #expect(storage.poolSize == 25, "the flag wins")
        #expect(storage.ownerDatabase?.description == "postgresql://attr_owner@127.0.0.1:55432/attribution")
        #expect(storage.masterKeys?.current.id == "new", "the file wins over ATTRD_MASTER_KEY")
        #expect(storage.masterKeys?.ids == ["new", "old"])

        environment["ATTRD_MASTER_KEY"] = "k1:\(keyText),k0:\(Data(repeating: 2, count: 32).base64EncodedString())"
        #expect(try AttrdOptions.parse([]).resolve(environment: environment).storage.masterKeys?.ids == ["k0", "k1"])
    }

    @Test(arguments: [
        (["--database-pool-size", "0"], [:], "--database-pool-size"),
        ([], ["ATTRD_DATABASE_POOL_SIZE": "201"], "ATTRD_DATABASE_POOL_SIZE"),
        ([], ["ATTRD_OWNER_DATABASE_URL": "postgresql://[::1/db"], "ATTRD_OWNER_DATABASE_URL"),
        (["--master-key-file", "/nonexistent/master.key"], [:], "--master-key-file"),
    ] as [([String], [String: String], String)])
    func badValuesAreNamed(_ arguments: [String], _ overrides: [String: String], _ named: String) throws {
        do {
            _ = try AttrdOptions.parse(arguments).resolve(environment: minimalEnvironment.merging(overrides) { $1 })
            Issue.record("accepted \(arguments) \(overrides)")
        } catch let error as ConfigurationError {
            #expect("\(error)".contains(named), "\(error)")
        }
    }

    @Test func aBadMasterKeyIsNamedButNeverShown() throws {
        let short = Data(repeating: 3, count: 16).base64EncodedString()
        for value in ["k1:\(short)", "no-colon-\(keyText)", "k1:\(keyText),k1:\(keyText)"] {
            do {
                _ = try AttrdOptions.parse([]).resolve(environment: minimalEnvironment.merging(["ATTRD_MASTER_KEY": value]) { $1 })
                Issue.record("accepted a bad ATTRD_MASTER_KEY")
            } catch let error as ConfigurationError {
                #expect("\(error)".contains("ATTRD_MASTER_KEY"))
                #expect(!"\(error)".contains(short) && !"\(error)".contains(keyText), "\(error)")
            }
        }
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let keyFile = try directory.write("master.key", "k:\(keyText)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: keyFile)
        do {
            _ = try AttrdOptions.parse(["--master-key-file", keyFile]).resolve(environment: minimalEnvironment)
            Issue.record("accepted a world-readable key file")
        } catch let error as ConfigurationError {
            #expect("\(error)".contains("--master-key-file"))
            #expect("\(error)".contains("chmod 600"))
        }
    }
}
