import AttributionCore
import AttributionStore
import Foundation
import Integrations
import Protos
import RPCServer
import Authorization
import Ingest
import Pixels
import ServiceKit

extension AttrdApplication {
    /// The product's services, over the tenant-scoped database.
    func registerProductServices(
        with router: inout Router, storage: AttrdStorage, broadcaster: PixelEventBroadcaster, outbound: CurlExecutor
    ) {
        let settings = configuration.attribution
        let attributor = Attributor(halfLife: TimeInterval(settings.timeDecayHalfLifeDays) * 86_400)
        let ingest = IngestStore(database: storage.database, attributor: attributor)
        IngestService(
            store: ingest, configuration: .init(maximumBatch: settings.ingestMaxBatch),
            logger: logger
        ).register(with: &router)
        let outboundSettings = configuration.outbound
        let http = HTTPClient.Configuration(
            transport: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(15), caBundlePath: outboundSettings.caFile),
            retry: .never)
        let endpoints = PlatformEndpoints(
            meta: outboundSettings.metaBaseURL, tiktok: outboundSettings.tiktokBaseURL, ga4: outboundSettings.ga4BaseURL)
        var pixels = PixelsService.Configuration()
        pixels.streamBuffer = settings.pixelStreamBuffer
        pixels.noEventsHours = settings.pixelNoEventsHours
        pixels.stitchingDropPoints = settings.pixelStitchingDropPoints
        PixelsService(
            database: storage.database, secrets: storage.secrets, broadcaster: broadcaster,
            redelivery: PixelRedelivery(executor: outbound, configuration: http, endpoints: endpoints), configuration: pixels, logger: logger
        ).register(with: &router)
    }

    /// The live pixel-event fan-out (one LISTEN connection per process).
    func makePixelBroadcaster(storage: AttrdStorage) -> PixelEventBroadcaster {
        PixelEventBroadcaster(connectionString: configuration.database, database: storage.database, logger: logger)
    }
}
