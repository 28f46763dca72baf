import LayeredConfig

extension AttrdConfiguration {
    /// How this replica's job runners claim and stop (docs/ARCHITECTURE.md, "Jobs").
    public struct Jobs: Sendable, Hashable {
        /// Seconds between claim rounds when no NOTIFY wakes a runner.
        public var pollIntervalSeconds = AttrdSettings.jobPollInterval.defaultValue!
        /// Seconds of every kind's lease; 0 keeps each kind's own.
        public var leaseSeconds = AttrdSettings.jobLease.defaultValue!
        /// Seconds running jobs may go on after SIGTERM.
        public var drainGraceSeconds = AttrdSettings.jobDrainGrace.defaultValue!

        public init() {}

        static let defaults = Jobs()

        init(layers: ConfigLayers) throws(ConfigurationError) {
            typealias S = AttrdSettings
            pollIntervalSeconds = try S.jobPollInterval.value(in: layers)
            leaseSeconds = try S.jobLease.value(in: layers)
            drainGraceSeconds = try S.jobDrainGrace.value(in: layers)
        }
    }
}
