import Foundation
import LayeredConfig
import Testing

@Suite("JSON configuration files")
struct ConfigFileTests {
    @Test func readsStringsNumbersAndBooleansAsText() throws {
        let json = #"{"listen": "127.0.0.1:1", "workers": 4, "ratio": 0.5, "verbose": true, "quiet": false}"#
        let settings = try ConfigFile.parse(Data(json.utf8), path: "t.json")
        #expect(settings == ["listen": "127.0.0.1:1", "workers": "4", "ratio": "0.5", "verbose": "true", "quiet": "false"])
    }

    @Test func refusesNestedValuesNamingTheKey() {
        do {
            _ = try ConfigFile.parse(Data(#"{"listen": {"host": "x"}}"#.utf8), path: "t.json")
            Issue.record("accepted a nested value")
        } catch {
            #expect(error.description.contains("'listen'"))
            #expect(error.description.contains("t.json"))
        }
    }

    @Test(arguments: ["not json", "[1, 2]", "\"text\"", ""])
    func refusesWhatIsNotAnObject(_ text: String) {
        #expect(throws: ConfigFile.LoadError.self) { try ConfigFile.parse(Data(text.utf8), path: "t.json") }
    }

    @Test func missingFileIsAnErrorNamingThePath() {
        do {
            _ = try ConfigFile.load("/nonexistent/attrd.json")
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.description.contains("/nonexistent/attrd.json"))
        }
    }
}
