public import NIOCore
public import NIOPosix
public import ServiceLifecycle
import Synchronization
public import Wire

/// Runs CPU-heavy handler work (PDF rendering, Parquet encoding) on a
/// dedicated `NIOThreadPool`, so it never holds an event loop (which serves
/// many connections) or a cooperative-pool thread (which every async task shares).
///
/// At most `concurrency` jobs run at once (one per pool thread); up to
/// `maximumWaiting` more wait their turn, first come first served; past that
/// a call is refused with RESOURCE_EXHAUSTED (``Busy``) rather than queue
/// without bound. A call cancelled while waiting leaves the queue at once
/// (CancellationError: its work never starts); a running job cannot be
/// stopped from outside, so the body gets a ``CancellationFlag`` to check
/// between steps (a page, a row group).
///
/// One pool per process, shared by the services: run it in the service
/// group (``run()`` shuts the threads down at graceful shutdown) or call
/// ``shutdown()``.
public final class CPUWorkPool: Service, Sendable {
    public let concurrency: Int
    public let maximumWaiting: Int
    private let threads: NIOThreadPool
    private let state: Mutex<Admission>

    public init(concurrency: Int = System.coreCount, maximumWaiting: Int = 64) {
        precondition(concurrency > 0 && maximumWaiting >= 0)
        self.concurrency = concurrency
        self.maximumWaiting = maximumWaiting
        self.threads = NIOThreadPool(numberOfThreads: concurrency)
        self.state = Mutex(Admission(concurrency: concurrency, maximumWaiting: maximumWaiting))
        threads.start()
    }

    /// Refused: `concurrency` jobs run and `maximumWaiting` wait.
    public struct Busy: Error, RPCErrorConvertible, Sendable {
        public init() {}

        public var rpcError: RPCError {
            RPCError(code: .resourceExhausted, message: "the server is busy with other heavy work; retry later")
        }
    }

    /// Set when the calling task is cancelled while its job runs.
    public final class CancellationFlag: Sendable {
        private let cancelled = Atomic(false)

        init() {}

        public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

        /// Throws CancellationError once the call was cancelled.
        public func check() throws(CancellationError) {
            if isCancelled { throw CancellationError() }
        }

        func cancel() { cancelled.store(true, ordering: .relaxed) }
    }

    /// Jobs running and waiting now.
    public var load: (running: Int, waiting: Int) {
        state.withLock { ($0.running, $0.waiting.count) }
    }

    /// Runs `body` on a pool thread once a place is free, and returns its result.
    public func run<Result: Sendable>(_ body: @escaping @Sendable (CancellationFlag) throws -> Result) async throws -> Result {
        try await admit()
        defer { state.withLock { $0.release() }?.resume() }
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await threads.runIfActive { try body(flag) }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Waits for a place (or throws Busy / CancellationError).
    private func admit() async throws {
        let id = state.withLock { $0.ticket() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let decision = state.withLock { admission in
                    // Task.isCancelled is set before onCancel runs; both hold the lock.
                    Task.isCancelled ? .cancelled : admission.acquire(id, continuation)
                }
                switch decision {
                case .run: continuation.resume()
                case .wait: break
                case .refuse: continuation.resume(throwing: Busy())
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { $0.cancel(id) }?.resume(throwing: CancellationError())
        }
    }

    /// Stops the threads after the running jobs finish.
    public func shutdown() async throws {
        try await threads.shutdownGracefully()
    }

    /// Until graceful shutdown, then ``shutdown()``.
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }
}
