public import NIOCore

/// Runs Swift concurrency jobs on one NIO event loop. A connection's task
/// prefers its channel's event loop (`RPCServer.Configuration.handlersOnEventLoop`),
/// so a call's frames, its handler and its response stay on one thread: no
/// hop to the cooperative pool and back for every message. Work that blocks
/// must not run there (the storage and integrations layers already move their
/// blocking calls onto their own thread pools).
public final class EventLoopTaskExecutor: TaskExecutor {
    public let eventLoop: any EventLoop

    public init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
