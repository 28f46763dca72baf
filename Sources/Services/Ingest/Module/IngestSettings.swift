public import LayeredConfig
import ServiceKit

/// The Ingest module's settings.
public enum IngestSettings {
    public static let maximumBatch = Setting.integer(
        .attrd("ingest-max-batch"), default: IngestService.Configuration.defaults.maximumBatch, in: 1...10_000,
        help: "most records per ingest request or stream message")
    public static let timeDecayHalfLifeDays = Setting.integer(
        .attrd("time-decay-half-life-days"), default: 7, in: 1...90,
        help: "half-life of the time-decay model in days; applies to orders attributed afterwards, stored results are not recomputed")

    static let all: [any SettingDeclaration] = [maximumBatch, timeDecayHalfLifeDays]
}
