/// Resolved values of declared settings, read by the setting's declaration.
/// A setting never resolved (a test that sets only what it needs) reads as
/// its default.
public struct SettingValues: Sendable {
    private var values: [ConfigKey: any Sendable] = [:]

    public init() {}

    /// Every one of `declarations` from `layers`; the error names the first
    /// bad or missing setting.
    public init(resolving declarations: [any SettingDeclaration], from layers: ConfigLayers) throws(ConfigurationError) {
        for declaration in declarations {
            if let value = try declaration.resolve(layers) { values[declaration.key] = value }
        }
    }

    public subscript<Value>(_ setting: Setting<Value>) -> Value {
        get {
            if let value = values[setting.key] as? Value { return value }
            guard let value = setting.defaultValue else {
                preconditionFailure("required setting \(setting.key) was never resolved")
            }
            return value
        }
        set { values[setting.key] = newValue }
    }
}
