public import NIOPosix
import CCurl

/// Runs libcurl transfers (blocking `curl_easy_perform`) on a bounded
/// `NIOThreadPool`, never on an event loop or the cooperative pool. Every
/// client of this target takes one; several clients may share it. Task
/// cancellation aborts a transfer from its progress callback.
public final class CurlExecutor: Sendable {
    let pool: NIOThreadPool
    private let ownsPool: Bool

    /// Starts a pool of its own with `threads` threads: at most that many transfers at once.
    public init(threads: Int = 4) {
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        ownsPool = true
        _ = Curl.initialised
    }

    /// Uses a pool the caller owns (and shuts down).
    public init(pool: NIOThreadPool) {
        self.pool = pool
        ownsPool = false
        _ = Curl.initialised
    }

    /// Stops the pool it started (waits for running transfers).
    public func shutdown() async throws {
        if ownsPool { try await pool.shutdownGracefully() }
    }

    /// Performs a prepared transfer on the pool; returns libcurl's result.
    func run(_ transfer: CurlTransfer) async throws -> CURLcode {
        if Task.isCancelled { transfer.cancel() }
        let raw = try await withTaskCancellationHandler {
            try await pool.runIfActive { transfer.perform().rawValue }
        } onCancel: {
            transfer.cancel()
        }
        return CURLcode(rawValue: raw)
    }
}
