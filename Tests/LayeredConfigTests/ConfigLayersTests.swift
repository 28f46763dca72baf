import LayeredConfig
import Testing

@Suite("Layered configuration")
struct ConfigLayersTests {
    let key = ConfigKey(flag: "listen", environment: "APP_LISTEN")

    @Test func flagsWinOverEnvironmentOverFileOverDefault() throws {
        let all = ConfigLayers(
            flags: ["listen": "flag:1"], environment: ["APP_LISTEN": "env:2"], file: ["listen": "file:3"])
        #expect(try all.value(key, default: "default:4", ValueParsers.nonEmpty) == "flag:1")
        #expect(all.raw(key)?.source == .flag)

        var noFlag = all
        noFlag.flags = [:]
        #expect(try noFlag.value(key, default: "default:4", ValueParsers.nonEmpty) == "env:2")
        #expect(noFlag.raw(key)?.source == .environment)

        var fileOnly = noFlag
        fileOnly.environment = [:]
        #expect(try fileOnly.value(key, default: "default:4", ValueParsers.nonEmpty) == "file:3")

        #expect(try ConfigLayers().value(key, default: "default:4", ValueParsers.nonEmpty) == "default:4")
        #expect(ConfigLayers().raw(key) == nil)
    }

    @Test func emptyEnvironmentVariableCountsAsUnset() throws {
        let layers = ConfigLayers(environment: ["APP_LISTEN": ""], file: ["listen": "file:3"])
        #expect(try layers.value(key, default: "x", ValueParsers.nonEmpty) == "file:3")
    }

    @Test func errorsNameTheOptionAndWhereTheValueCameFrom() {
        let parse = ValueParsers.hostAndPort
        let cases: [(ConfigLayers, [String])] = [
            (ConfigLayers(flags: ["listen": "nope"]), ["'nope'", "--listen:", "HOST:PORT"]),
            (ConfigLayers(environment: ["APP_LISTEN": "nope"]), ["'nope'", "in APP_LISTEN", "(--listen)"]),
            (ConfigLayers(file: ["listen": "nope"], fileName: "/etc/app.json"), ["'listen' in /etc/app.json", "(--listen)"]),
        ]
        for (layers, fragments) in cases {
            do {
                _ = try layers.optional(key, parse)
                Issue.record("accepted a bad value")
            } catch {
                for fragment in fragments {
                    #expect(error.description.contains(fragment), "\(error.description) lacks \(fragment)")
                }
            }
        }
    }

    @Test func missingRequiredValueNamesFlagAndVariable() {
        do {
            _ = try ConfigLayers().required(key, hint: "where to listen", ValueParsers.nonEmpty)
            Issue.record("a missing value was accepted")
        } catch {
            #expect(error.description == "missing --listen (APP_LISTEN): where to listen")
        }
    }

    @Test func valueParsers() throws {
        #expect(try ValueParsers.integer(in: 1...10)("7") == 7)
        #expect(throws: InvalidValue.self) { try ValueParsers.integer(in: 1...10)("11") }
        #expect(throws: InvalidValue.self) { try ValueParsers.integer(in: 1...10)("seven") }
        #expect(try ValueParsers.boolean("Yes") == true)
        #expect(try ValueParsers.boolean("off") == false)
        #expect(throws: InvalidValue.self) { try ValueParsers.boolean("maybe") }
        #expect(try ValueParsers.oneOf(["table", "json"])("JSON") == "json")
        #expect(throws: InvalidValue.self) { try ValueParsers.oneOf(["table", "json"])("yaml") }
        #expect(throws: InvalidValue.self) { try ValueParsers.nonEmpty("  ") }
        #expect(throws: InvalidValue.self) { try ValueParsers.readableFile("/nonexistent/file") }
        #expect(throws: InvalidValue.self) { try ValueParsers.readableFile("/tmp") }
    }
}
