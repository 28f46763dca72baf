import ArgumentParser
import Protos
import SwiftProtobuf

/// `attrctl pixels alerts set [--alert P:on|off:N]... [--channel C] [--email A]... [--slack '#c']...`:
/// changes only what the flags name (the update mask is built from them).
struct PixelsAlertsSetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change the accuracy alert configuration; only the parts given are changed.",
        discussion: """
            Calls attribution.v1.Pixels/UpdateAlertConfig with an update mask of the parts given: \
            --alert → platforms (each entry replaces that platform's; platforms not given keep theirs), \
            --channel → channel, --email/--clear-email → email_recipients (the whole list), \
            --slack/--clear-slack → slack_channels (the whole list). Prints the stored configuration.

            Examples:
              attrctl pixels alerts set --alert meta:on:90 --alert ga4:off:85
              attrctl pixels alerts set --channel email --email ops@example.com
              attrctl pixels alerts set --channel slack --slack '#pixel-alerts' --clear-email

            An enabled platform needs a channel with at least one target; attrd checks this and the \
            address and channel formats.
            """
    )

    @Option(name: .customLong("alert"), help: ArgumentHelp(
        "A platform's alert, PLATFORM:on|off:THRESHOLD, e.g. meta:on:90 (repeatable; threshold 0-100 percent).",
        valueName: "platform:on|off:threshold"))
    var alerts: [String] = []

    @Option(help: "Where alerts go: email, slack or none.")
    var channel: String?

    @Option(name: .customLong("email"), help: ArgumentHelp("An email recipient (repeatable; replaces the list).", valueName: "address"))
    var emails: [String] = []

    @Option(name: .customLong("slack"), help: ArgumentHelp("A Slack channel such as '#pixel-alerts' (repeatable; replaces the list).", valueName: "channel"))
    var slackChannels: [String] = []

    @Flag(help: "Empty the email recipient list.")
    var clearEmail = false

    @Flag(help: "Empty the Slack channel list.")
    var clearSlack = false

    @OptionGroup var global: GlobalOptions

    /// Bad flag values fail at parse time, with this subcommand's usage.
    func validate() throws { _ = try request() }

    func request() throws(ValidationError) -> Attribution_V1_UpdateAlertConfigRequest {
        var config = Attribution_V1_AlertConfig()
        var paths: [String] = []
        for text in alerts {
            let entry = try Self.platformAlert(text)
            guard !config.platforms.contains(where: { $0.platform == entry.platform }) else {
                throw ValidationError("--alert: \(EnumNames.name(entry.platform)) is given twice")
            }
            config.platforms.append(entry)
        }
        if !alerts.isEmpty { paths.append("platforms") }
        if let channel {
            config.channel = try EnumNames.parse(channel, "--channel", EnumNames.channels)
            paths.append("channel")
        }
        if !emails.isEmpty || clearEmail {
            guard emails.isEmpty || !clearEmail else { throw ValidationError("--email and --clear-email exclude each other") }
            config.emailRecipients = emails
            paths.append("email_recipients")
        }
        if !slackChannels.isEmpty || clearSlack {
            guard slackChannels.isEmpty || !clearSlack else { throw ValidationError("--slack and --clear-slack exclude each other") }
            config.slackChannels = slackChannels
            paths.append("slack_channels")
        }
        guard !paths.isEmpty else {
            throw ValidationError("nothing to change: give --alert, --channel, --email, --slack, --clear-email or --clear-slack")
        }
        var request = Attribution_V1_UpdateAlertConfigRequest()
        request.alertConfig = config
        request.updateMask = Google_Protobuf_FieldMask(protoPaths: paths)
        return request
    }

    /// "meta:on:90" → the platform's entry.
    static func platformAlert(_ text: String) throws(ValidationError) -> Attribution_V1_PlatformAlertConfig {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let usage = "--alert must be PLATFORM:on|off:THRESHOLD, e.g. meta:on:90 (got '\(text)')"
        guard parts.count == 3 else { throw ValidationError(usage) }
        var entry = Attribution_V1_PlatformAlertConfig()
        entry.platform = try EnumNames.parse(parts[0], "--alert platform")
        switch parts[1].lowercased() {
        case "on", "true": entry.enabled = true
        case "off", "false": entry.enabled = false
        default: throw ValidationError(usage)
        }
        guard let threshold = Int32(parts[2]), (0...100).contains(threshold) else {
            throw ValidationError("--alert threshold must be 0 to 100 (got '\(parts[2])')")
        }
        entry.accuracyThresholdPercent = threshold
        return entry
    }

    func run() async throws {
        let request = try request()
        let (response, format) = try await global.callPixels { try await $0.updateAlertConfig(request, timeout: .seconds(30)) }
        print(format == .json ? try response.jsonString() : AlertConfigTable.render(response.alertConfig))
    }
}
