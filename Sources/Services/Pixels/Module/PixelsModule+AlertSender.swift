import LayeredConfig
import Integrations
import ServiceKit

extension PixelsModule {
    /// Email and Slack for pixel alerts, each only when configured.
    func alertSender(_ context: ModuleContext) -> PixelAlertSender {
        let settings = context.settings
        let transport = TransportSettings(
            connectTimeout: .seconds(10), totalTimeout: .seconds(30), caBundlePath: context.outboundCAFile)
        let email = settings[PixelsSettings.smtpURL].map { url in
            PixelAlertSender.Email(
                client: SMTPClient(
                    configuration: .init(
                        url: url, username: settings[PixelsSettings.smtpUsername],
                        password: settings[PixelsSettings.smtpPassword], transport: transport),
                    executor: context.outbound),
                from: EmailAddress(settings[PixelsSettings.smtpFrom]))
        }
        let slack = settings[PixelsSettings.slackBotToken].map { token in
            SlackClient(
                configuration: .init(apiBaseURL: settings[PixelsSettings.slackAPIURL], botToken: token),
                http: HTTPClient(configuration: .init(transport: transport), executor: context.outbound))
        }
        return PixelAlertSender(email: email, slack: slack, logger: context.logger)
    }
}
