import ArgumentParser
import Protos

/// `--from YYYY-MM-DD --to YYYY-MM-DD`: the metrics period (both or neither; default: the server's, 30 days).
struct InfluencerDateOptions: ParsableArguments {
    @Option(help: "The first day of the metrics period (YYYY-MM-DD, UTC).")
    var from: String?
    @Option(help: "The last day of the metrics period (YYYY-MM-DD, UTC).")
    var to: String?

    func range() throws -> Attribution_V1_DateRange? {
        guard let from, let to else {
            if from != nil || to != nil { throw ValidationError("give both --from and --to, or neither") }
            return nil
        }
        var range = Attribution_V1_DateRange()
        range.startDate = try Self.date(from, "--from")
        range.endDate = try Self.date(to, "--to")
        return range
    }

    static func date(_ text: String, _ option: String) throws -> Attribution_V1_Date {
        let parts = text.split(separator: "-").compactMap { Int32($0) }
        guard parts.count == 3 else { throw ValidationError("\(option) is not a YYYY-MM-DD date") }
        var date = Attribution_V1_Date()
        date.year = parts[0]
        date.month = parts[1]
        date.day = parts[2]
        return date
    }
}
