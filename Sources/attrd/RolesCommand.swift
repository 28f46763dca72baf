import ArgumentParser
import AttrdCore
import Foundation
import Identity

/// `attrd roles grant|revoke|list`: who may do what in a tenant (docs/SECURITY.md).
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Grant, revoke and list principals' roles (admin, analyst, ingest).",
        discussion: "Users are analysts and services ingest unless granted otherwise. Grants take effect within 30 seconds.",
        subcommands: [RolesGrantCommand.self, RolesRevokeCommand.self, RolesListCommand.self]
    )
}

/// The principal a roles subcommand names.
struct PrincipalOptions: ParsableArguments {
    @Option(help: "The tenant's UUID.")
    var tenant: String

    @Option(help: "A user id (…/tenant/<uuid>/user/<id>).")
    var user: String?

    @Option(help: "A service name (…/tenant/<uuid>/service/<name>).")
    var service: String?

    func validate() throws {
        guard UUID(uuidString: tenant) != nil else { throw ValidationError("--tenant must be a UUID") }
        guard (user == nil) != (service == nil) else { throw ValidationError("give exactly one of --user and --service") }
    }

    var tenantID: UUID { UUID(uuidString: tenant)! }
    var kind: Principal.Kind { user != nil ? .user : .service }
    var id: String { user ?? service ?? "" }
}

struct RolesGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grant", abstract: "Give a principal a role.")
    @OptionGroup var principal: PrincipalOptions
    @Option(help: "admin, analyst or ingest.") var role: String
    @OptionGroup var options: AttrdOptions

    func run() async throws {
        try await DatabaseCommand.run(options, name: "roles") { database, settings, logger in
            try await AttrdRoles.set(
                role, kind: principal.kind, id: principal.id, tenant: principal.tenantID,
                database: database, settings: settings, logger: logger)
        }
    }
}

struct RolesRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Return a principal to its default role.")
    @OptionGroup var principal: PrincipalOptions
    @OptionGroup var options: AttrdOptions

    func run() async throws {
        try await DatabaseCommand.run(options, name: "roles") { database, settings, logger in
            try await AttrdRoles.set(
                nil, kind: principal.kind, id: principal.id, tenant: principal.tenantID,
                database: database, settings: settings, logger: logger)
        }
    }
}

struct RolesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a tenant's grants.")
    @Option(help: "The tenant's UUID.") var tenant: String
    @OptionGroup var options: AttrdOptions

    func run() async throws {
        guard let id = UUID(uuidString: tenant) else { throw ValidationError("--tenant must be a UUID") }
        try await DatabaseCommand.run(options, name: "roles") { database, settings, logger in
            try await AttrdRoles.list(tenant: id, database: database, settings: settings, logger: logger)
        }
    }
}
