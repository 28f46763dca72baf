public import Logging
public import ServiceLifecycle
public import Storage

/// One LISTEN per replica for every runner: a commit that enqueued work of a
/// kind wakes that kind's runner; after a reconnection (notifications may
/// have been lost) every runner is woken. Polling covers the rest.
public struct JobListener: Service {
    let connectionString: ConnectionString
    let runners: [String: JobRunner]
    let logger: Logger

    public init(connectionString: ConnectionString, runners: [JobRunner], logger: Logger) {
        self.connectionString = connectionString
        self.runners = Dictionary(runners.map { ($0.kind.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.logger = logger
    }

    public func run() async throws {
        let events = PostgresListener.listen(connectionString, channels: [JobQueue.channel], logger: logger)
        await cancelWhenGracefulShutdown {
            for await event in events {
                switch event {
                case .notification(_, let kind): runners[kind]?.wake()
                case .reconnected: for runner in runners.values { runner.wake() }
                }
            }
        }
    }
}

extension JobListener: CustomStringConvertible {
    public var description: String { "job listener" }
}
