public import Jobs
public import RPCServer
public import ServiceLifecycle

/// What a module contributes to a running attrd.
///
/// attrd runs every part in one `ServiceGroup`. On SIGTERM the group shuts
/// down in this order: `servingSupport` first (so calls held open by them can
/// end), then the RPC server drains its calls, then `background`.
public struct ModuleParts: Sendable {
    /// Registered with the router; they serve calls.
    public var rpcServices: [any RegistrableRPCService]
    /// Long-running work the module's calls depend on while they run, e.g.
    /// the live-stream fan-out. Stopped as soon as shutdown begins, before the
    /// server drains: a live stream would otherwise hold the drain open.
    public var servingSupport: [any Service]
    /// Long-running work beside the calls (schedulers, outboxes), stopped
    /// after the server has drained.
    public var background: [any Service]
    /// Awaited before the server accepts its first connection, e.g. until a
    /// LISTEN is in place, so that no call starts before events can reach it.
    public var beforeServing: [@Sendable () async -> Void]
    /// Figures for `/metrics`, read at each scrape.
    public var gauges: [ModuleGauge]
    /// The kinds of job this replica runs: attrd runs one `JobRunner` per
    /// kind (stopped with the background work, draining its jobs) and one
    /// LISTEN that wakes them.
    public var jobs: [JobKind]

    public init(
        rpcServices: [any RegistrableRPCService], servingSupport: [any Service] = [], background: [any Service] = [],
        beforeServing: [@Sendable () async -> Void] = [], gauges: [ModuleGauge] = [], jobs: [JobKind] = []
    ) {
        self.rpcServices = rpcServices
        self.servingSupport = servingSupport
        self.background = background
        self.beforeServing = beforeServing
        self.gauges = gauges
        self.jobs = jobs
    }
}
