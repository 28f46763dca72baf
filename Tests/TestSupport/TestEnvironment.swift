public import Foundation

/// Where the tests find what `make test` sets up: the repository, the dev PKI
/// and the PostgreSQL cluster. Run bare (`swift test`) the tests that need an
/// external resource are skipped with a reason; under `make test`, which sets
/// `ATTR_TEST_REQUIRE_ALL=1`, they run and fail if it is missing.
public enum TestEnvironment {
    public static let variables = ProcessInfo.processInfo.environment

    /// The repository root, from this file's place in it.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// True under `make test`: nothing may be skipped.
    public static var requiresAll: Bool { variables["ATTR_TEST_REQUIRE_ALL"] == "1" }

    /// The application-role connection string of the test database.
    public static var databaseURL: String? { nonEmpty("ATTRD_DATABASE_URL") }

    /// The owner-role connection string of the test database.
    public static var ownerDatabaseURL: String? { nonEmpty("ATTRD_OWNER_DATABASE_URL") }

    /// True under `make test-citus`: the database is a Citus coordinator
    /// (scripts/citus.sh), the schema distributed by tenant_id. The few
    /// tests whose expectations differ there say why where they read it.
    public static var isCitus: Bool { variables["ATTR_TEST_CITUS"] == "1" }

    /// Whether tests that need PostgreSQL should run.
    public static var hasDatabase: Bool { databaseURL != nil || requiresAll }

    /// Whether tests that need the dev PKI should run.
    public static var hasDevPKI: Bool { DevPKI.isPresent || requiresAll }

    /// The directory holding the built executables (`attrd`, `attrctl`): the
    /// one holding the test bundle.
    public static var productsDirectory: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0])
        while url.pathComponents.count > 1, !url.lastPathComponent.hasSuffix(".xctest") {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent()
    }

    private static func nonEmpty(_ name: String) -> String? {
        variables[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
