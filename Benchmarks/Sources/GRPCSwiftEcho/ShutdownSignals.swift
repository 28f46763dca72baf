import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM and SIGINT through Dispatch sources: a signal calls `onSignal`
/// (a graceful shutdown) and ends `waitUntilShutdown()`; should the shutdown
/// take longer than `grace`, the process exits anyway.
/// Unchecked: `sources` is set once and only held to keep the sources alive.
final class ShutdownSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]
    private let stopped: AsyncStream<Void>

    init(grace: DispatchTimeInterval = .seconds(5), onSignal: @escaping @Sendable () -> Void) {
        let (stopped, continuation) = AsyncStream.makeStream(of: Void.self)
        self.stopped = stopped
        let queue = DispatchQueue(label: "grpc-swift-echo.signals")
        self.sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)  // the source gets it instead of the default action
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                onSignal()
                continuation.finish()
                queue.asyncAfter(deadline: .now() + grace) { exit(0) }
            }
            source.resume()
            return source
        }
    }

    /// Returns once a signal has started the shutdown.
    func waitUntilShutdown() async {
        for await _ in stopped {}
    }
}
