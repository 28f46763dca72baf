import ArgumentParser
import AttrdCore
import Foundation
import Identity
import Ingest
import Integrations
import LayeredConfig
import Logging
import Pixels
import Storage
import TestSupport
import Testing

@Suite("attrd configuration")
struct AttrdOptionsTests {
    /// Existing files stand in for the TLS material: only readability is checked here.
    let file = #filePath

    var minimalEnvironment: [String: String] {
        [
            "ATTRD_CERT": file, "ATTRD_KEY": file, "ATTRD_CA": file,
            "ATTRD_DATABASE_URL": "postgresql://attr_app@127.0.0.1:55432/attribution",
        ]
    }

    @Test func defaultsApplyWhenOnlyTheRequiredSettingsAreGiven() throws {
        let configuration = try AttrdOptions.parse([]).resolve(environment: minimalEnvironment)
        #expect(configuration.listen == HostAndPort(host: "127.0.0.1", port: 7443))
        #expect(configuration.trustDomain.name == "attribution.local")
        #expect(configuration.logLevel == .info)
        #expect(configuration.tls.crl == nil)
        #expect(configuration.database.description == "postgresql://attr_app@127.0.0.1:55432/attribution")
        #expect(configuration.modules[IngestSettings.maximumBatch] == 1000)
        #expect(configuration.modules[PixelsSettings.alertInterval] == 300)
    }

    @Test func moduleSettingsComeFromFlagsAndEnvironment() throws {
        var environment = minimalEnvironment
        environment["ATTRD_TIME_DECAY_HALF_LIFE_DAYS"] = "14"
        environment["ATTRD_PIXEL_STREAM_BUFFER"] = "50"
        let configuration = try AttrdOptions.parse(["--ingest-max-batch", "250"]).resolve(environment: environment)
        #expect(configuration.modules[IngestSettings.maximumBatch] == 250)
        #expect(configuration.modules[IngestSettings.timeDecayHalfLifeDays] == 14)
        #expect(configuration.modules[PixelsSettings.streamBuffer] == 50)
        let flagged = try AttrdOptions.parse(["--pixel-stream-buffer=7"]).resolve(environment: minimalEnvironment)
        #expect(flagged.modules[PixelsSettings.streamBuffer] == 7)
        #expect(try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).modules[PixelsSettings.streamBuffer] == 1000)
    }

    @Test func handlersRunOnTheEventLoopUnlessTurnedOff() throws {
        #expect(try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).rpc.handlersOnEventLoop)
        let flagged = try AttrdOptions.parse(["--handlers-on-event-loop", "false"]).resolve(environment: minimalEnvironment)
        #expect(!flagged.rpc.handlersOnEventLoop)
        var environment = minimalEnvironment
        environment["ATTRD_HANDLERS_ON_EVENT_LOOP"] = "false"
        #expect(try !AttrdOptions.parse([]).resolve(environment: environment).rpc.handlersOnEventLoop)
    }

    @Test func metricsAreOffUnlessAListenAddressIsGiven() throws {
        #expect(try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).metricsListen == nil)
        let flagged = try AttrdOptions.parse(["--metrics-listen", "127.0.0.1:9464"]).resolve(environment: minimalEnvironment)
        #expect(flagged.metricsListen == HostAndPort(host: "127.0.0.1", port: 9464))
        var environment = minimalEnvironment
        environment["ATTRD_METRICS_LISTEN"] = "[::1]:0"
        #expect(try AttrdOptions.parse([]).resolve(environment: environment).metricsListen == HostAndPort(host: "::1", port: 0))

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write("attrd.json", #"{"metrics-listen": "127.0.0.1:9100"}"#)
        let fromFile = try AttrdOptions.parse(["--config", config]).resolve(environment: minimalEnvironment)
        #expect(fromFile.metricsListen == HostAndPort(host: "127.0.0.1", port: 9100))
    }

    @Test func oauthBaseURLsDefaultToThePlatformsAndComeFromFlagsAndEnvironment() throws {
        let defaults = try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).outbound
        for (configured, platform) in [
            (defaults.snapchatOAuth, OAuthProvider.snapchat()), (defaults.pinterestOAuth, OAuthProvider.pinterest()),
            (defaults.linkedInOAuth, OAuthProvider.linkedIn()),
        ] {
            #expect(configured.authorizationEndpoint == platform.authorizationEndpoint)
            #expect(configured.tokenEndpoint == platform.tokenEndpoint)
        }

        var environment = minimalEnvironment
        environment["ATTRD_SNAPCHAT_OAUTH_URL"] = "https://127.0.0.1:8443/snap"
        environment["ATTRD_PINTEREST_API_URL"] = "https://127.0.0.1:8443/pin-api"
        let outbound = try AttrdOptions.parse([
            "--pinterest-oauth-url", "https://127.0.0.1:8443/pin-web", "--linkedin-oauth-url", "http://127.0.0.1:8080",
        ]).resolve(environment: environment).outbound
        #expect(outbound.snapchatOAuth.authorizationEndpoint == "https://127.0.0.1:8443/snap/login/oauth2/authorize")
        #expect(outbound.snapchatOAuth.tokenEndpoint == "https://127.0.0.1:8443/snap/login/oauth2/access_token")
        #expect(outbound.pinterestOAuth.authorizationEndpoint == "https://127.0.0.1:8443/pin-web/oauth/")
        #expect(outbound.pinterestOAuth.tokenEndpoint == "https://127.0.0.1:8443/pin-api/v5/oauth/token")
        #expect(outbound.linkedInOAuth.authorizationEndpoint == "http://127.0.0.1:8080/oauth/v2/authorization")
        #expect(outbound.linkedInOAuth.tokenEndpoint == "http://127.0.0.1:8080/oauth/v2/accessToken")
    }

    @Test func pixelIssueThresholdsComeFromFlagsAndEnvironment() throws {
        let defaults = try AttrdOptions.parse([]).resolve(environment: minimalEnvironment).modules
        #expect(defaults[PixelsSettings.noEventsHours] == 6 && defaults[PixelsSettings.stitchingDropPoints] == 10)
        var environment = minimalEnvironment
        environment["ATTRD_PIXEL_NO_EVENTS_HOURS"] = "12"
        environment["ATTRD_PIXEL_STITCHING_DROP_POINTS"] = "2.5"
        let fromEnvironment = try AttrdOptions.parse([]).resolve(environment: environment).modules
        #expect(fromEnvironment[PixelsSettings.noEventsHours] == 12 && fromEnvironment[PixelsSettings.stitchingDropPoints] == 2.5)
        let flagged = try AttrdOptions.parse(["--pixel-no-events-hours", "1", "--pixel-stitching-drop-points", "0"])
            .resolve(environment: environment).modules
        #expect(flagged[PixelsSettings.noEventsHours] == 1 && flagged[PixelsSettings.stitchingDropPoints] == 0)
    }

    @Test func flagsWinOverEnvironmentWhichWinsOverTheFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write(
            "attrd.json",
            #"{"listen": "127.0.0.3:3", "log-level": "error", "trust-domain": "from.file", "crl": "\#(file)"}"#
        )
        var environment = minimalEnvironment
        environment["ATTRD_LISTEN"] = "127.0.0.2:2"
        environment["ATTRD_LOG_LEVEL"] = "debug"
        environment["ATTRD_CONFIG"] = config
        let configuration = try AttrdOptions.parse(["--listen", "127.0.0.1:1"]).resolve(environment: environment)
        #expect(configuration.listen.port == 1, "flag")
        #expect(configuration.logLevel == .debug, "environment")
        #expect(configuration.trustDomain.name == "from.file", "file")
        #expect(configuration.tls.crl == file, "file")

        let withFlagFile = try AttrdOptions.parse(["--config", config]).resolve(environment: minimalEnvironment)
        #expect(withFlagFile.listen.port == 3)
    }

    @Test(arguments: [
        (["--listen", "nowhere"], [:], "--listen"),
        (["--log-level", "loud"], [:], "--log-level"),
        ([], ["ATTRD_TRUST_DOMAIN": "Not A Domain"], "ATTRD_TRUST_DOMAIN"),
        ([], ["ATTRD_DATABASE_URL": "postgresql://[::1/db"], "ATTRD_DATABASE_URL"),
        (["--cert", "/nonexistent/server.crt"], [:], "--cert"),
        (["--crl", "/tmp"], [:], "--crl"),
        (["--ingest-max-batch", "0"], [:], "--ingest-max-batch"),
        (["--pixel-alert-interval=-1"], [:], "--pixel-alert-interval"),
        (["--meta-capi-url", "graph.facebook.com"], [:], "--meta-capi-url"),
        ([], ["ATTRD_SMTP_URL": "mail.example.com"], "ATTRD_SMTP_URL"),
        (["--snapchat-oauth-url", "accounts.snapchat.com"], [:], "--snapchat-oauth-url"),
        ([], ["ATTRD_PINTEREST_OAUTH_URL": "https://www.pinterest.com/"], "ATTRD_PINTEREST_OAUTH_URL"),
        (["--pinterest-api-url", "ftp://api.pinterest.com"], [:], "--pinterest-api-url"),
        ([], ["ATTRD_LINKEDIN_OAUTH_URL": "www.linkedin.com"], "ATTRD_LINKEDIN_OAUTH_URL"),
        ([], ["ATTRD_TIME_DECAY_HALF_LIFE_DAYS": "365"], "ATTRD_TIME_DECAY_HALF_LIFE_DAYS"),
        (["--pixel-stream-buffer", "0"], [:], "--pixel-stream-buffer"),
        (["--handlers-on-event-loop", "sometimes"], [:], "--handlers-on-event-loop"),
        (["--metrics-listen", "9464"], [:], "--metrics-listen"),
        ([], ["ATTRD_METRICS_LISTEN": "127.0.0.1:70000"], "ATTRD_METRICS_LISTEN"),
        ([], ["ATTRD_PIXEL_STREAM_BUFFER": "100001"], "ATTRD_PIXEL_STREAM_BUFFER"),
        (["--pixel-no-events-hours", "0"], [:], "--pixel-no-events-hours"),
        ([], ["ATTRD_PIXEL_NO_EVENTS_HOURS": "169"], "ATTRD_PIXEL_NO_EVENTS_HOURS"),
        (["--pixel-stitching-drop-points", "100.5"], [:], "--pixel-stitching-drop-points"),
        (["--pixel-stitching-drop-points=-1"], [:], "--pixel-stitching-drop-points"),
        ([], ["ATTRD_PIXEL_STITCHING_DROP_POINTS": "nan"], "ATTRD_PIXEL_STITCHING_DROP_POINTS"),
        ([], ["ATTRD_PIXEL_STITCHING_DROP_POINTS": "1e1"], "ATTRD_PIXEL_STITCHING_DROP_POINTS"),
    ] as [([String], [String: String], String)])
    func badValuesAreNamed(_ arguments: [String], _ overrides: [String: String], _ named: String) throws {
        let environment = minimalEnvironment.merging(overrides) { $1 }
        do {
            _ = try AttrdOptions.parse(arguments).resolve(environment: environment)
            Issue.record("accepted \(arguments) \(overrides)")
        } catch let error as ConfigurationError {
            #expect("\(error)".contains(named), "\(error)")
        }
    }

    @Test(arguments: ["ATTRD_CERT", "ATTRD_KEY", "ATTRD_CA", "ATTRD_DATABASE_URL"])
    func missingRequiredSettingsAreNamed(_ variable: String) throws {
        var environment = minimalEnvironment
        environment[variable] = nil
        do {
            _ = try AttrdOptions.parse([]).resolve(environment: environment)
            Issue.record("started without \(variable)")
        } catch let error as ConfigurationError {
            #expect("\(error)".hasPrefix("missing --"))
            #expect("\(error)".contains(variable))
        }
    }

    @Test func badValueInTheFileNamesTheFileAndKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try directory.write("attrd.json", #"{"log-level": 7}"#)
        do {
            _ = try AttrdOptions.parse(["--config", config]).resolve(environment: minimalEnvironment)
            Issue.record("accepted log-level 7")
        } catch let error as ConfigurationError {
            #expect("\(error)".contains("'log-level' in \(config)"))
        }
    }

    @Test func unreadableConfigFileIsAnError() {
        #expect(throws: ConfigFile.LoadError.self) {
            try AttrdOptions.parse(["--config", "/nonexistent/attrd.json"]).resolve(environment: minimalEnvironment)
        }
    }
}
