import AttributionCore
import AttributionStore
import Foundation
import Protos
import RPCServer
import Services

extension AttrdApplication {
    /// The product's services, over the tenant-scoped database.
    func registerProductServices(with router: inout Router, storage: AttrdStorage) {
        let settings = configuration.attribution
        let attributor = Attributor(halfLife: TimeInterval(settings.timeDecayHalfLifeDays) * 86_400)
        let ingest = IngestStore(database: storage.database, attributor: attributor)
        IngestService(
            store: ingest, configuration: .init(maximumBatch: settings.ingestMaxBatch),
            logger: logger
        ).register(with: &router)
        PixelsService(database: storage.database, logger: logger).register(with: &router)
    }
}
