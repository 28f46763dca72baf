import Foundation
import Storage
import TestSupport
import Testing

/// Parameters out and typed values back, through the server, for every type
/// the services store.
@Suite("Typed values", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct ValueCodingTests {
    func roundTrip<T: PostgresEncodable & PostgresDecodable & Equatable>(_ value: T, as type: String) async throws -> T {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                try await session.query("SELECT $1::\(type) AS v", [value])[0].decode("v", as: T.self)
            }
        }
    }

    @Test func scalars() async throws {
        let id = UUID()
        #expect(try await roundTrip(id, as: "uuid") == id)
        #expect(try await roundTrip("naïve 'quoted' \\ text ✓", as: "text") == "naïve 'quoted' \\ text ✓")
        #expect(try await roundTrip(Int16.min, as: "smallint") == Int16.min)
        #expect(try await roundTrip(Int32.max, as: "integer") == Int32.max)
        #expect(try await roundTrip(Int64.min, as: "bigint") == Int64.min)
        #expect(try await roundTrip(true, as: "boolean"))
        #expect(try await roundTrip(false, as: "boolean") == false)
        let money = try #require(Decimal(string: "12345678901234567890.0123456789", locale: Locale(identifier: "en_US_POSIX")))
        #expect(try await roundTrip(money, as: "numeric") == money)
        #expect(try await roundTrip(Decimal(string: "-0.0001")!, as: "numeric(5,4)") == Decimal(string: "-0.0001")!)
    }

    @Test(arguments: [0.0, 1_700_000_000.123456, -86_400.5, 253_402_300_799.999999, -62_135_596_800])
    func timestamps(_ seconds: Double) async throws {
        let date = Date(timeIntervalSince1970: seconds)
        let back = try await roundTrip(date, as: "timestamptz")
        #expect(abs(back.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test func timestampsWithAnOffsetFromAnotherSessionTimeZone() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                let row = try await session.query(
                    "SELECT '2026-03-01 12:00:00+05:30'::timestamptz AS t, extract(epoch FROM '2026-03-01 12:00:00+05:30'::timestamptz)::float8::text AS e")[0]
                let date = try row.decode("t", as: Date.self)
                #expect(date.timeIntervalSince1970 == Double(try row.decode("e", as: String.self)))
            }
        }
    }

    @Test func textArrays() async throws {
        for array in [[], ["a"], ["NULL", "", "with,comma", "with \"quotes\"", "back\\slash", "{braces}", " spaced ", "ünï"]] {
            #expect(try await roundTrip(array, as: "text[]") == array)
        }
    }

    @Test func byteaAndJSON() async throws {
        let bytes = PostgresBytes((0...255).map { UInt8($0) } + [0, 0])
        #expect(try await roundTrip(bytes, as: "bytea") == bytes)
        #expect(try await roundTrip(PostgresBytes([]), as: "bytea") == PostgresBytes([]))
        struct Layout: Codable, Equatable { var widgetId: String; var x: Int }
        let json = try PostgresJSON(encoding: [Layout(widgetId: "kpi-1", x: 3)])
        let back = try await roundTrip(json, as: "jsonb")
        #expect(try back.decode([Layout].self) == [Layout(widgetId: "kpi-1", x: 3)])
    }

    @Test func nullsDecodeOnlyIntoOptionals() async throws {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                let row = try await session.query("SELECT NULL::text AS n, $1::uuid AS u", [UUID?.none])[0]
                #expect(try row.decode("n", as: String?.self) == nil)
                #expect(try row.decode("u", as: UUID?.self) == nil)
                #expect(throws: PostgresError.self) { try row.decode("n", as: String.self) }
                #expect(throws: PostgresError.self) { try row.decode("missing", as: String?.self) }
                let wrong = try await session.query("SELECT 'not a uuid' AS u, 'maybe' AS b")[0]
                #expect(throws: PostgresError.self) { try wrong.decode("u", as: UUID.self) }
                #expect(throws: PostgresError.self) { try wrong.decode("b", as: Bool.self) }
            }
        }
    }
}
