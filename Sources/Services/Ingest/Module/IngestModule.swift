import Protos
public import LayeredConfig
public import RPCServer
public import ServiceKit
import AttributionCore
import AttributionStore
import Foundation

/// attribution.v1.Ingest in attrd: validation, storage and attribution of
/// orders, touchpoints and pixel events. No background work.
public struct IngestModule: ServiceModule {
    public init() {}

    public var name: String { "ingest" }
    public var settings: [any SettingDeclaration] { IngestSettings.all }

    public func makeParts(_ context: ModuleContext) throws -> ModuleParts {
        let halfLife = TimeInterval(context.settings[IngestSettings.timeDecayHalfLifeDays]) * 86_400
        let store = IngestStore(database: context.database, attributor: Attributor(halfLife: halfLife))
        let service = IngestService(
            store: store, configuration: .init(maximumBatch: context.settings[IngestSettings.maximumBatch]),
            logger: context.logger)
        return ModuleParts(rpcServices: [service])
    }
}

extension IngestService: RegistrableRPCService {}
