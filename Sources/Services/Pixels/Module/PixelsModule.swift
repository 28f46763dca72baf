import Protos
public import LayeredConfig
public import ServiceKit
public import RPCServer
public import Storage
import Jobs
import AttributionStore
import Integrations

/// attribution.v1.Pixels in attrd: the service, the live-stream fan-out
/// (listening before attrd serves, stopped first on shutdown so streams end),
/// and the alert evaluation's job kind.
public struct PixelsModule: ServiceModule {
    public init() {}

    public var name: String { "pixels" }
    public var settings: [any SettingDeclaration] { PixelsSettings.all }
    public var secretColumns: [SecretColumn] { [.pixelDestinationSecret] }

    public func makeParts(_ context: ModuleContext) throws -> ModuleParts {
        let settings = context.settings
        let broadcaster = PixelEventBroadcaster(
            connectionString: context.connectionString, database: context.database, logger: context.logger)
        var configuration = PixelsService.Configuration()
        configuration.streamBuffer = settings[PixelsSettings.streamBuffer]
        configuration.noEventsHours = settings[PixelsSettings.noEventsHours]
        configuration.stitchingDropPoints = settings[PixelsSettings.stitchingDropPoints]
        configuration.alertInterval = settings[PixelsSettings.alertInterval]
        let service = PixelsService(
            database: context.database, secrets: context.secrets, broadcaster: broadcaster,
            redelivery: redelivery(context), configuration: configuration, logger: context.logger)
        return ModuleParts(
            rpcServices: [service],
            servingSupport: [BackgroundTask("pixel event listener") { await broadcaster.run() }],
            beforeServing: [{ await broadcaster.waitUntilListening() }],
            gauges: [
                ModuleGauge(subsystem: "pixel_stream", name: "subscribers", help: "Live Pixels.StreamEvents calls on this replica") {
                    Double(broadcaster.subscriberCount)
                }
            ],
            jobs: alertJobs(context))
    }

    private func redelivery(_ context: ModuleContext) -> PixelRedelivery {
        let settings = context.settings
        let http = HTTPClient.Configuration(
            transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(15), caBundlePath: context.outboundCAFile),
            retry: .never)
        let endpoints = PlatformEndpoints(
            meta: settings[PixelsSettings.metaURL], tiktok: settings[PixelsSettings.tiktokURL],
            ga4: settings[PixelsSettings.ga4URL])
        return PixelRedelivery(executor: context.outbound, configuration: http, endpoints: endpoints)
    }

    /// The evaluation and the delivery of alerts; none when
    /// `--pixel-alert-interval` is 0 (another replica, or none, runs them).
    private func alertJobs(_ context: ModuleContext) -> [JobKind] {
        let interval = context.settings[PixelsSettings.alertInterval]
        guard interval > 0 else { return [] }
        return [
            PixelAlertJob(interval: interval).kind(evaluator: PixelAlertEvaluator(database: context.database), logger: context.logger),
            PixelAlertOutbox(database: context.database).kind(sender: alertSender(context), snooze: .seconds(interval)),
        ]
    }
}

extension PixelsService: RegistrableRPCService {}
