public import ArgumentParser
import LayeredConfig

/// Ingest and attribution options: an @OptionGroup of `AttrdOptions`.
public struct AttrdAttributionOptions: ParsableArguments {
    @Option(help: "Most records per ingest request, 1 to 10000 (env: ATTRD_INGEST_MAX_BATCH; default 1000).")
    public var ingestMaxBatch: String?

    @Option(help: "Time-decay half-life in days, 1 to 90 (env: ATTRD_TIME_DECAY_HALF_LIFE_DAYS; default 7).")
    public var timeDecayHalfLifeDays: String?

    @Option(help: "Undelivered events one StreamEvents call may hold, 1 to 100000 (env: ATTRD_PIXEL_STREAM_BUFFER; default 1000).")
    public var pixelStreamBuffer: String?

    @Option(help: "Pixels stats: hours without events that raise no_recent_events, 1 to 168 (env: ATTRD_PIXEL_NO_EVENTS_HOURS; default 6).")
    public var pixelNoEventsHours: String?

    @Option(help: "Pixels stats: a fall of the stitching rate by more than this many points raises stitching_rate_dropped, 0 to 100 (env: ATTRD_PIXEL_STITCHING_DROP_POINTS; default 10).")
    public var pixelStitchingDropPoints: String?

    @Option(help: "Seconds between evaluations of each tenant's pixel alerts, 0 to 86400; 0 turns this replica's scheduler off (env: ATTRD_PIXEL_ALERT_INTERVAL; default 300).")
    public var pixelAlertInterval: String?

    public init() {}

    /// The flags given, keyed by flag name.
    var flags: [String: String] {
        let keys = AttrdConfiguration.Keys.self
        let pairs: [(ConfigKey, String?)] = [
            (keys.ingestMaxBatch, ingestMaxBatch), (keys.pixelAlertInterval, pixelAlertInterval), (keys.timeDecayHalfLifeDays, timeDecayHalfLifeDays),
            (keys.pixelStreamBuffer, pixelStreamBuffer), (keys.pixelNoEventsHours, pixelNoEventsHours),
            (keys.pixelStitchingDropPoints, pixelStitchingDropPoints),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { key, value in value.map { (key.flag, $0) } })
    }
}
