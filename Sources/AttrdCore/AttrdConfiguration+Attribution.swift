public import LayeredConfig

extension AttrdConfiguration {
    /// Ingest limits and attribution settings.
    public struct Attribution: Sendable, Hashable {
        /// The most records one ingest request (or stream message) may carry.
        public var ingestMaxBatch = 1000
        /// Time decay's half-life in days.
        public var timeDecayHalfLifeDays = 7
        /// How often each tenant's pixel alerts are evaluated, in seconds;
        /// 0 turns this replica's alert scheduler off (another replica, or
        /// none, evaluates).
        public var pixelAlertIntervalSeconds = 300
        /// Undelivered events one StreamEvents call may hold before it ends with RESOURCE_EXHAUSTED.
        public var pixelStreamBuffer = 1000
        /// Pixels.GetStats: hours without an event that raise NO_RECENT_EVENTS.
        public var pixelNoEventsHours = 6
        /// Pixels.GetStats: the fall of the stitching rate, in percentage
        /// points, beyond which STITCHING_RATE_DROPPED is raised.
        public var pixelStitchingDropPoints = 10.0

        public init() {}

        public static let defaults = Attribution()
        public static let batchSizes = 1...10_000
        public static let halfLives = 1...90
        public static let streamBuffers = 1...100_000
        public static let noEventsHours = 1...168
        public static let stitchingDropPoints = 0.0...100.0

        init(layers: ConfigLayers) throws(ConfigurationError) {
            let keys = Keys.self
            ingestMaxBatch = try layers.value(keys.ingestMaxBatch, default: 1000, ValueParsers.integer(in: Self.batchSizes))
            timeDecayHalfLifeDays = try layers.value(
                keys.timeDecayHalfLifeDays, default: 7, ValueParsers.integer(in: Self.halfLives))
            pixelAlertIntervalSeconds = try layers.value(
                keys.pixelAlertInterval, default: 300, ValueParsers.integer(in: 0...86_400))
            pixelStreamBuffer = try layers.value(
                keys.pixelStreamBuffer, default: 1000, ValueParsers.integer(in: Self.streamBuffers))
            pixelNoEventsHours = try layers.value(
                keys.pixelNoEventsHours, default: 6, ValueParsers.integer(in: Self.noEventsHours))
            pixelStitchingDropPoints = try layers.value(
                keys.pixelStitchingDropPoints, default: 10, ValueParsers.decimal(in: Self.stitchingDropPoints))
        }
    }
}

extension AttrdConfiguration.Keys {
    public static let pixelAlertInterval = ConfigKey(flag: "pixel-alert-interval", environment: "ATTRD_PIXEL_ALERT_INTERVAL")
    public static let ingestMaxBatch = ConfigKey(flag: "ingest-max-batch", environment: "ATTRD_INGEST_MAX_BATCH")
    public static let timeDecayHalfLifeDays = ConfigKey(
        flag: "time-decay-half-life-days", environment: "ATTRD_TIME_DECAY_HALF_LIFE_DAYS")
    public static let pixelStreamBuffer = ConfigKey(flag: "pixel-stream-buffer", environment: "ATTRD_PIXEL_STREAM_BUFFER")
    public static let pixelNoEventsHours = ConfigKey(flag: "pixel-no-events-hours", environment: "ATTRD_PIXEL_NO_EVENTS_HOURS")
    public static let pixelStitchingDropPoints = ConfigKey(
        flag: "pixel-stitching-drop-points", environment: "ATTRD_PIXEL_STITCHING_DROP_POINTS")
}
