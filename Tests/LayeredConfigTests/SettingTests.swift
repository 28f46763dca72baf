import LayeredConfig
import Testing

@Suite("Declared settings")
struct SettingTests {
    static let size = Setting.integer(
        ConfigKey(flag: "pool-size", environmentPrefix: "APP"), default: 10, in: 1...200, help: "connections")
    static let url = Setting.optional(ConfigKey(flag: "smtp-url", environmentPrefix: "APP"), help: "mail server") {
        (text: String) throws(InvalidValue) in text
    }
    static let token = Setting.optional(
        ConfigKey(flag: "bot-token", environmentPrefix: "APP"), environmentOnly: true, help: "token"
    ) { (text: String) throws(InvalidValue) -> String in
        guard text.hasPrefix("xoxb-") else { throw InvalidValue("expected a bot token") }
        return text
    }
    static let all: [any SettingDeclaration] = [size, url, token]

    @Test func theVariableIsTheFlagUpperCasedAfterThePrefix() {
        #expect(Self.size.key.environment == "APP_POOL_SIZE")
        #expect(Self.size.key.fileKey == "pool-size")
    }

    @Test func flagsTakeSpaceOrEqualsAndTheLastOneWins() throws {
        let flags = try SettingArguments.parse(
            ["--pool-size", "5", "--smtp-url=smtp://a:587", "--pool-size=7"], declarations: Self.all)
        #expect(flags == ["pool-size": "7", "smtp-url": "smtp://a:587"])
        let values = try SettingValues(resolving: Self.all, from: ConfigLayers(flags: flags))
        #expect(values[Self.size] == 7)
        #expect(values[Self.url] == "smtp://a:587")
        #expect(values[Self.token] == nil)
    }

    @Test func anUnknownFlagIsRefusedWithTheNearestNames() {
        #expect(throws: SettingArgumentError("unknown option --size; did you mean --pool-size?")) {
            try SettingArguments.parse(["--size", "3"], declarations: Self.all)
        }
        #expect(throws: SettingArgumentError("missing value for --pool-size")) {
            try SettingArguments.parse(["--pool-size"], declarations: Self.all)
        }
        #expect(throws: SettingArgumentError("unexpected argument '5'")) {
            try SettingArguments.parse(["5"], declarations: Self.all)
        }
    }

    @Test func anEnvironmentOnlySettingIsNeverAFlagNorShownInAnError() throws {
        #expect(throws: SettingArgumentError.self) {
            try SettingArguments.parse(["--bot-token", "xoxb-1"], declarations: Self.all)
        }
        // A file or flag layer cannot set it either.
        let fromFile = ConfigLayers(file: ["bot-token": "xoxb-file"])
        #expect(try Self.token.value(in: fromFile) == nil)
        let bad = ConfigLayers(environment: ["APP_BOT_TOKEN": "secret-value"])
        let error = try #require(throws: ConfigurationError.self) { try Self.token.value(in: bad) }
        #expect(!error.description.contains("secret-value"))
        #expect(error.description.contains("(hidden)"))
    }

    @Test func defaultsApplyAndBadValuesNameTheSetting() throws {
        #expect(try Self.size.value(in: ConfigLayers()) == 10)
        let error = try #require(throws: ConfigurationError.self) {
            try Self.size.value(in: ConfigLayers(environment: ["APP_POOL_SIZE": "0"]))
        }
        #expect(error.description == "invalid value '0' in APP_POOL_SIZE (--pool-size): expected a whole number from 1 to 200")
    }

    @Test func aRequiredSettingWithoutAValueIsMissing() {
        let database = Setting(
            ConfigKey(flag: "database-url", environmentPrefix: "APP"), required: "a connection string", help: "database"
        ) { (text: String) throws(InvalidValue) in text }
        #expect(throws: ConfigurationError(key: database.key, source: nil, value: nil, reason: "a connection string")) {
            try database.value(in: ConfigLayers())
        }
    }

    @Test func theTableAndHelpComeFromTheDeclarations() {
        let table = SettingsDocumentation.markdownTable(Self.all)
        #expect(table.contains("| `--pool-size` | `APP_POOL_SIZE` | `10` | connections (1–200) |"))
        #expect(table.contains("| — | `APP_BOT_TOKEN` | none | token |"))
        let help = SettingsDocumentation.helpText(Self.all)
        #expect(help.contains("  --pool-size <value>\n        connections (1–200)\n        env APP_POOL_SIZE, default 10"))
        #expect(help.contains("  APP_BOT_TOKEN\n        token\n        environment only"))
    }
}
