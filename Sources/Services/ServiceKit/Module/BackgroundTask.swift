public import ServiceLifecycle

/// Work that runs until it is cancelled, as a `Service`: graceful shutdown
/// cancels it, and `run()` returns when the work has wound down.
public struct BackgroundTask: Service {
    public let name: String
    private let body: @Sendable () async -> Void

    public init(_ name: String, _ body: @escaping @Sendable () async -> Void) {
        self.name = name
        self.body = body
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await body() }
    }
}

extension BackgroundTask: CustomStringConvertible {
    public var description: String { name }
}
