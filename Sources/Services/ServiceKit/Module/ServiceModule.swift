public import LayeredConfig
public import Storage

/// One product service as attrd runs it: its handlers, its background work,
/// its settings and its secret columns. attrd lists its modules once
/// (`AttrdModules.all`); everything else (flags, `--help`, the README's
/// configuration table, key rotation, the service group) comes from them.
///
/// A module is a plain value; `makeParts` runs once per attrd start, after
/// settings are resolved and the database is open, before anything serves.
public protocol ServiceModule: Sendable {
    /// Short name for logs, e.g. `pixels`.
    var name: String { get }
    /// The settings it reads from `ModuleContext.settings`.
    var settings: [any SettingDeclaration] { get }
    /// Columns of its tables that hold sealed secrets: `attrd keys rotate` re-seals them.
    var secretColumns: [SecretColumn] { get }
    /// Its RPC services and long-running work, over attrd's shared parts.
    func makeParts(_ context: ModuleContext) throws -> ModuleParts
}

extension ServiceModule {
    public var settings: [any SettingDeclaration] { [] }
    public var secretColumns: [SecretColumn] { [] }
}
