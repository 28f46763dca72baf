import Integrations
import Authorization
import Ingest
import Pixels
import ServiceKit

extension AttrdApplication {
    /// Email and Slack for pixel alerts, each only when configured.
    func makeAlertSender(outbound: CurlExecutor) -> PixelAlertSender {
        let settings = configuration.outbound
        let transport = TransportSettings(connectTimeout: .seconds(10), totalTimeout: .seconds(30), caBundlePath: settings.caFile)
        let email = settings.smtpURL.map { url in
            PixelAlertSender.Email(
                client: SMTPClient(
                    configuration: .init(
                        url: url, username: settings.smtpUsername, password: settings.smtpPassword, transport: transport),
                    executor: outbound),
                from: EmailAddress(settings.smtpFrom))
        }
        let slack = settings.slackBotToken.map { token in
            SlackClient(
                configuration: .init(apiBaseURL: settings.slackAPIURL, botToken: token),
                http: HTTPClient(configuration: .init(transport: transport), executor: outbound))
        }
        return PixelAlertSender(email: email, slack: slack, logger: logger)
    }
}
