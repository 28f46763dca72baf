public import Foundation

/// One versioned schema change: `Migrations/NNNN_name.sql`, shipped as a
/// SwiftPM resource of this target. It runs in a transaction of its own, so it
/// must not hold BEGIN/COMMIT or statements that refuse a transaction (e.g.
/// CREATE INDEX CONCURRENTLY). Once applied it must never change: the
/// migrator compares checksums and refuses a schema whose history differs.
public struct Migration: Sendable, Hashable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// `0001_tenancy`
    public var identifier: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// FNV-1a (64 bit) of the SQL: detects an edited migration, not an attacker.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }

    /// The migrations shipped with attrd, in version order.
    public static func bundled() throws(PostgresError) -> [Migration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw PostgresError(code: .migrationFailed, message: "the Migrations resource directory is missing from the Storage bundle")
        }
        return try load(directory: directory)
    }

    /// Every `NNNN_name.sql` in `directory`, in version order; versions must be unique.
    public static func load(directory: URL) throws(PostgresError) -> [Migration] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PostgresError(code: .migrationFailed, message: "cannot list \(directory.path): \(error.localizedDescription)")
        }
        var migrations: [Migration] = []
        for file in names where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
                throw PostgresError(code: .migrationFailed, message: "\(file) is not named NNNN_name.sql")
            }
            guard let sql = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                throw PostgresError(code: .migrationFailed, message: "cannot read \(file) as UTF-8")
            }
            migrations.append(Migration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        migrations.sort { $0.version < $1.version }
        for (earlier, later) in zip(migrations, migrations.dropFirst()) where earlier.version == later.version {
            throw PostgresError(code: .migrationFailed, message: "two migrations have version \(later.version)")
        }
        return migrations
    }
}
