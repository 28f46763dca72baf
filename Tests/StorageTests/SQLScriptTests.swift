import Foundation
import Storage
import Testing

/// Migrations are sent one statement at a time (Citus refuses DDL on a
/// distributed table inside a string of several statements).
@Suite("SQL scripts cut into statements")
struct SQLScriptTests {
    @Test func cutsAtSemicolonsAndDropsEmptyStatements() {
        #expect(SQLScript.statements("SELECT 1;\n\n SELECT 2 ;;\n") == ["SELECT 1", "SELECT 2"])
        #expect(SQLScript.statements("SELECT 1") == ["SELECT 1"])
        #expect(SQLScript.statements("  ;\n -- only a comment;\n") == [])
    }

    @Test func semicolonsInsideQuotesAndCommentsDoNotCut() {
        let script = """
            INSERT INTO t VALUES ('a;b', 'it''s; fine');
            -- a comment; with a semicolon
            CREATE TABLE "odd;name" (x int); /* block; /* nested; */ still comment; */
            SELECT 3
            """
        #expect(SQLScript.statements(script) == [
            "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
            "-- a comment; with a semicolon\nCREATE TABLE \"odd;name\" (x int)",
            "/* block; /* nested; */ still comment; */\nSELECT 3",
        ])
    }

    @Test func dollarQuotedBodiesStayWhole() {
        let script = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
            BEGIN PERFORM 1; RETURN $1; END
            $$;
            CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;$$;y' $body$;
            SELECT $1::int
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 3)
        #expect(statements[0].hasSuffix("BEGIN PERFORM 1; RETURN $1; END\n$$"))
        #expect(statements[1] == "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;$$;y' $body$")
        #expect(statements[2] == "SELECT $1::int")
    }

    /// Every bundled migration cuts into statements that each end where the
    /// script has a `;` of its own (none is cut inside a function body).
    @Test func everyBundledMigrationCutsIntoWholeStatements() throws {
        for migration in try Migration.bundled() {
            let statements = SQLScript.statements(migration.sql)
            #expect(!statements.isEmpty, "\(migration.identifier)")
            for statement in statements {
                let dollars = statement.components(separatedBy: "$$").count - 1
                #expect(dollars % 2 == 0, "\(migration.identifier): an unbalanced $$ in \(statement.prefix(120))")
            }
        }
    }
}
