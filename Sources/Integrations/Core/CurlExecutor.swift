public import NIOPosix
import CCurl

/// Runs libcurl transfers (blocking `curl_easy_perform`) and the layer's
/// other blocking work (opening, reading and hashing local files) on a
/// bounded `NIOThreadPool`, never on an event loop or the cooperative pool.
/// Every client of this target takes one; several clients may share it.
/// Task cancellation aborts a transfer from its progress callback.
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

    /// Runs `job` on the pool. The job finishes configuring `transfer` (the
    /// options that open files), performs it and reads what it needs of the
    /// outcome; cancelling the calling task aborts the transfer.
    func run<Value: Sendable>(
        _ transfer: CurlTransfer, _ job: @escaping @Sendable () throws(IntegrationError) -> Value
    ) async throws(IntegrationError) -> Value {
        if Task.isCancelled { transfer.cancel() }
        let result = await withTaskCancellationHandler {
            await outcome(of: job)
        } onCancel: {
            transfer.cancel()
        }
        return try result.get()
    }

    /// Runs blocking work that is not a transfer (reading or hashing a
    /// local file) on the pool.
    func offload<Value: Sendable>(_ work: @escaping @Sendable () throws(IntegrationError) -> Value)
        async throws(IntegrationError) -> Value
    {
        try await outcome(of: work).get()
    }

    private func outcome<Value: Sendable>(of work: @escaping @Sendable () throws(IntegrationError) -> Value)
        async -> Result<Value, IntegrationError>
    {
        do {
            return try await pool.runIfActive { () -> Result<Value, IntegrationError> in
                do throws(IntegrationError) { return .success(try work()) } catch { return .failure(error) }
            }
        } catch {
            // The task was cancelled before the work started, or the pool is shut down.
            return .failure(IntegrationError(.cancelled, "cancelled before it ran, or the transfer pool is shut down"))
        }
    }
}
