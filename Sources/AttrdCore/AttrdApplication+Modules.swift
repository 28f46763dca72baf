import Integrations
import ServiceKit

extension AttrdApplication {
    /// Every module's services and long-running work, over the shared storage
    /// and outbound pool.
    func makeModuleParts(storage: AttrdStorage, outbound: CurlExecutor) throws -> [ModuleParts] {
        let context = ModuleContext(
            settings: configuration.modules, database: storage.database, connectionString: configuration.database,
            secrets: storage.secrets, outbound: outbound, outboundCAFile: configuration.outbound.caFile, logger: logger)
        return try modules.map { module in
            do {
                return try module.makeParts(context)
            } catch {
                throw StartupError(check: "module \(module.name)", reason: "\(error)")
            }
        }
    }
}
