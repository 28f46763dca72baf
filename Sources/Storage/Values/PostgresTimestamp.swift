import Foundation

/// timestamptz in the text form the session pins (DateStyle ISO, TimeZone UTC):
/// `2024-01-02 03:04:05.123456+00`; microsecond precision, like PostgreSQL.
enum PostgresTimestamp {
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (days, microsOfDay) = micros.floorDivided(by: 86_400_000_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = microsOfDay / 1_000_000
        let fraction = microsOfDay % 1_000_000
        let time = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2)).\(pad(fraction, 6))"
        let era = year <= 0 ? " BC" : ""
        let shownYear = year <= 0 ? 1 - year : year
        return "\(pad(shownYear, 4))-\(pad(month, 2))-\(pad(day, 2)) \(time)+00\(era)"
    }

    static func parse(_ text: String) throws(PostgresError) -> Date {
        var scanner = Scanner(Array(text.utf8))
        guard let year = scanner.number(), scanner.skip("-"), let month = scanner.number(), scanner.skip("-"),
            let day = scanner.number(), scanner.skip(" "), let hour = scanner.number(), scanner.skip(":"),
            let minute = scanner.number(), scanner.skip(":"), let second = scanner.number()
        else { throw decodingError(text, "timestamptz") }
        var micros: Int64 = 0
        if scanner.skip(".") {
            let start = scanner.index
            guard let fraction = scanner.number() else { throw decodingError(text, "timestamptz") }
            let digits = scanner.index - start
            guard digits <= 6 else { throw decodingError(text, "timestamptz") }
            micros = fraction * Int64([1, 100_000, 10_000, 1000, 100, 10, 1][digits])
        }
        var offset: Int64 = 0
        if let sign = scanner.sign() {
            guard let hours = scanner.number() else { throw decodingError(text, "timestamptz") }
            var minutes: Int64 = 0
            var seconds: Int64 = 0
            if scanner.skip(":") { minutes = scanner.number() ?? 0 }
            if scanner.skip(":") { seconds = scanner.number() ?? 0 }
            offset = sign * (hours * 3600 + minutes * 60 + seconds)
        }
        guard scanner.atEnd, (1...12).contains(month), (1...31).contains(day), hour < 25, minute < 60, second < 61
        else { throw decodingError(text, "timestamptz") }
        let days = Self.days(fromCivil: year, month, day)
        let total = (days * 86400 + hour * 3600 + minute * 60 + second - offset) * 1_000_000 + micros
        return Date(timeIntervalSince1970: Double(total) / 1_000_000)
    }

    /// Days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's algorithm.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads ASCII digits and punctuation.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        mutating func number() -> Int64? {
            var value: Int64 = 0
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]), index - start < 12 {
                value = value * 10 + Int64(bytes[index] - 48)
                index += 1
            }
            return index > start ? value : nil
        }
    }
}

extension Int64 {
    /// Quotient and remainder rounded towards negative infinity.
    func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
