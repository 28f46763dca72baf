import CoreServices
import InteropService
import LayeredConfig
import Logging
import NIOCore
import Protos
import RPCServer
import Authorization
import ServiceKit
import ServiceLifecycle
import TLS
import UnixSignals

extension AttrdApplication {
    /// The TLS context for serving, from the configured files (checked by OpenSSL).
    func makeTLSContext() throws -> TLSContext {
        let files = configuration.tls
        do {
            return try TLSContext.server(
                certificateChain: files.certificateChain, privateKey: files.privateKey,
                clientCA: files.clientCA, crl: files.crl, minimumVersion: configuration.rpc.minimumVersion)
        } catch {
            throw StartupError(check: "TLS material", reason: error.message)
        }
    }

    /// The RPC server with every service attrd serves, and the health status to flip on shutdown.
    func makeRPCServer(
        tls: TLSContext, storage: AttrdStorage, services: [any RegistrableRPCService], metrics: AttrdMetrics?
    ) throws -> (RPCServer, HealthStatus) {
        var router = Router()
        if configuration.rpc.enableInteropService {
            InteropTestService().register(with: &router)
        }
        for service in services { service.register(with: &router) }
        let health = try CoreServices.register(with: &router)
        var rpc = RPCServer.Configuration(
            host: configuration.listen.host, port: configuration.listen.port, trustDomain: configuration.trustDomain)
        rpc.shutdownGracePeriod = .seconds(Int64(configuration.rpc.shutdownGracePeriodSeconds))
        rpc.handlersOnEventLoop = configuration.rpc.handlersOnEventLoop
        let server = RPCServer(
            configuration: rpc, tls: tls, router: router,
            interceptors: [
                AccessLogInterceptor(logger: logger), MetricsInterceptor(metrics),
                AuthorizationInterceptor.roles(RoleDirectory(database: storage.database), logger: logger),
            ],
            logger: logger)
        return (server, health)
    }

    /// On SIGHUP, reloads the certificate, key, CA bundle and CRL for new
    /// connections; a reload that fails keeps the current material.
    func reloadTLSOnHangup(_ server: RPCServer) async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            do {
                server.reloadTLS(try makeTLSContext())
                logger.notice("TLS material reloaded")
            } catch {
                logger.error("TLS reload failed; keeping the current material", metadata: Logger.Metadata([AttrdLogKey.error: "\(error)"]))
            }
        }
    }
}
