import Foundation
import Storage
import TestSupport
import Testing

/// Array parameters (`PostgresArray`) unnested by the server: each element in
/// its own type, NULLs kept, quoting and escaping exact.
@Suite("Array parameters", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct PostgresArrayTests {
    func unnest(_ array: PostgresArray, as type: String) async throws -> [String?] {
        try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                try await session.query(
                    "SELECT v::text AS v FROM unnest($1::\(type)[]) WITH ORDINALITY AS a(v, n) ORDER BY n", [array]
                ).rows.map { $0[0] }
            }
        }
    }

    @Test func textElementsWithQuotesBackslashesCommasBracesAndNulls() async throws {
        let elements: [String?] = ["plain", "a \"quoted\" word", "back\\slash", "comma, {brace}", "NULL", "", nil, "naïve ✓"]
        #expect(try await unnest(PostgresArray(elements), as: "text") == elements)
    }

    @Test func typedElementsKeepTheirValues() async throws {
        let moment = Date(timeIntervalSince1970: 1_700_000_000.25)
        #expect(try await unnest(PostgresArray([Int64.min, nil as Int64?, 42]), as: "bigint") == ["-9223372036854775808", nil, "42"])
        let times = try await TestDatabase.withPool(size: 1) { pool in
            try await pool.withConnection { session in
                try await session.query("SELECT v FROM unnest($1::timestamptz[]) AS v", [PostgresArray([moment])])
                    .map { try $0.decode("v", as: Date.self) }
            }
        }
        #expect(times.count == 1 && abs(times[0].timeIntervalSince(moment)) < 0.000_001)
        let json = #"{"em": ["ab"], "ua": "say \"hi\" \\ bye"}"#
        let back = try await unnest(PostgresArray([json]), as: "jsonb")
        #expect(try JSONSerialization.jsonObject(with: Data((back[0] ?? "").utf8)) as? NSDictionary
            == JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
        #expect(try await unnest(PostgresArray([PostgresBytes([0, 255, 16])]), as: "bytea") == ["\\x00ff10"])
        #expect(try await unnest(PostgresArray([]), as: "text").isEmpty)
    }
}
