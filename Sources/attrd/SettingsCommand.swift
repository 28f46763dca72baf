import ArgumentParser
import AttrdCore
import LayeredConfig

/// `attrd settings`: every setting attrd and its modules declare, as the
/// README's configuration table (Markdown) or as `--help` lists them.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "List every setting: flag, environment variable, default and meaning.")

    @Flag(help: "Print the Markdown table of the README's Configuration section.")
    var markdown = false

    func run() {
        let settings = AttrdSettings.all()
        print(markdown ? SettingsDocumentation.markdownTable(settings) : AttrdOptions.settingsHelp, terminator: markdown ? "" : "\n")
    }
}
