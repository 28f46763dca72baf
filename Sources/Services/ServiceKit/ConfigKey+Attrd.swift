public import LayeredConfig

extension ConfigKey {
    /// An attrd setting: `--flag`, `ATTRD_FLAG`, file key `flag`.
    public static func attrd(_ flag: String) -> ConfigKey {
        ConfigKey(flag: flag, environmentPrefix: "ATTRD")
    }
}
