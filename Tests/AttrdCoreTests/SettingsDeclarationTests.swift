import AttrdCore
import Foundation
import LayeredConfig
import Testing

@Suite("attrd settings: declared once")
struct SettingsDeclarationTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")

    @Test func theReadmeTableIsTheDeclarations() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- settings-table:begin -->\n"))
        let end = try #require(text.range(of: "<!-- settings-table:end -->"))
        let documented = String(text[begin.upperBound..<end.lowerBound])
        let declared = SettingsDocumentation.markdownTable(AttrdSettings.all())
        #expect(documented == declared, "README's configuration table differs from the declarations: run `make settings-table`")
    }

    @Test func everyFlagVariableAndFileKeyIsUnique() {
        let keys = AttrdSettings.all().map(\.key)
        #expect(Set(keys.map(\.flag)).count == keys.count)
        #expect(Set(keys.map(\.environment)).count == keys.count)
        #expect(Set(keys.map(\.fileKey)).count == keys.count)
        #expect(keys.allSatisfy { $0.environment.hasPrefix("ATTRD_") })
    }

    @Test func everyDocumentedDefaultIsAValueTheSettingAccepts() throws {
        for setting in AttrdSettings.all() where setting.defaultIsValue {
            let layers = ConfigLayers(flags: [setting.key.flag: setting.defaultText])
            #expect(throws: Never.self, "--\(setting.key.flag)") { _ = try setting.resolve(layers) }
        }
    }
}
