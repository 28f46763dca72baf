import Storage
import TestSupport
import Testing

@Suite("PostgreSQL through libpq", .enabled(if: TestEnvironment.hasDatabase, "ATTRD_DATABASE_URL not set: run make test"))
struct PostgresConnectionTests {
    func connect() throws -> PostgresConnection {
        let url = try #require(TestEnvironment.databaseURL, "make test sets ATTRD_DATABASE_URL")
        return try PostgresConnection(ConnectionString(url))
    }

    @Test func parametersTravelApartFromTheSQL() throws {
        let connection = try connect()
        let hostile = "'); DROP TABLE x; --"
        let rows = try connection.query("SELECT $1::text AS echoed, $2::text IS NULL AS was_null", [hostile, String?.none])
        #expect(rows.columns == ["echoed", "was_null"])
        #expect(rows.rows == [[hostile, "t"]])
    }

    @Test func applicationRoleCannotBypassRowLevelSecurityOrCreateTables() async throws {
        let url = try #require(TestEnvironment.databaseURL)
        let report = try await DatabaseProbe(connectionString: ConnectionString(url)).run()
        #expect(report.role == "attr_app")
        #expect(!report.roleBypassesRowLevelSecurity)
        #expect(report.serverVersion.hasPrefix("15"))

        let connection = try connect()
        do {
            _ = try connection.query("CREATE TABLE attr_app_must_not_create (x int)")
            Issue.record("the application role created a table")
        } catch {
            #expect(error.code == .queryFailed)
            #expect(error.sqlState == "42501", "insufficient_privilege")
        }
    }

    @Test func serverErrorsCarrySQLStateAndTheConnectionStaysUsable() throws {
        let connection = try connect()
        do {
            _ = try connection.query("SELECT 1/0")
            Issue.record("division by zero succeeded")
        } catch {
            #expect(error.code == .queryFailed)
            #expect(error.sqlState == "22012")
        }
        #expect(try connection.query("SELECT 2 AS two").first("two") == "2")
    }

    @Test func wrongPasswordFailsToConnectWithoutEchoingIt() throws {
        let url = try #require(TestEnvironment.databaseURL)
        let options = try ConnectionString(url).options
        let wrong = "postgresql://\(options["user"]!):wrong-secret-xyz@\(options["host"]!):\(options["port"]!)/\(options["dbname"]!)"
        do {
            _ = try PostgresConnection(ConnectionString(wrong))
            Issue.record("connected with a wrong password")
        } catch {
            #expect(error.code == .connectionFailed)
            #expect(!error.message.contains("wrong-secret-xyz"))
        }
    }
}
