import Foundation

/// Normalisation as Meta's Conversions API specifies it, before hashing.
extension CustomerParameter {
    /// Why a value could not be normalised.
    public struct InvalidValue: Error, Sendable, Equatable {
        public var reason: String
    }

    /// The normalised value; nil when nothing is left (the value is dropped).
    public func normalize(_ raw: String) throws(InvalidValue) -> String? {
        let trimmed = raw.trimmingSpaces(newlines: true)
        guard !trimmed.isEmpty else { return nil }
        switch self {
        case .email:
            let value = trimmed.lowercased()
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw InvalidValue(reason: "is not an email address")
            }
            return value
        case .phone:
            // Digits only (dropping "+", spaces, brackets, dashes), then no leading zeros:
            // "+1 (616) 954-7888" → "16169547888", "0044 20..." → "4420...".
            let digits = String(trimmed.unicodeScalars.filter { $0.properties.numericType == .decimal && $0.isASCII })
            let value = String(digits.drop { $0 == "0" })
            guard value.count >= 7, value.count <= 15 else {
                throw InvalidValue(reason: "is not a phone number with country code (7 to 15 digits)")
            }
            return value
        case .firstName, .lastName, .city:
            return Self.lettersAndDigits(trimmed.lowercased())
        case .state:
            // The 2-character ANSI abbreviation code, lowercase: "CA" and "c.a." → "ca".
            guard let value = Self.lettersAndDigits(trimmed.lowercased()) else { return nil }
            guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw InvalidValue(reason: "is not a 2-letter state code (the ANSI abbreviation, e.g. \"ca\")")
            }
            return value
        case .dateOfBirth:
            let digits = String(trimmed.filter(\.isASCIIDigit))
            guard digits.count == 8, Self.isDate(digits) else { throw InvalidValue(reason: "is not a date YYYYMMDD") }
            return digits
        case .gender:
            let value = trimmed.lowercased()
            switch value {
            case "f", "female": return "f"
            case "m", "male": return "m"
            default: throw InvalidValue(reason: "is not f or m")
            }
        case .zipCode:
            let value = trimmed.lowercased().filter { $0 != " " && $0 != "-" }
            // US ZIP+4 ("94035-1234") keeps its first 5 digits.
            if value.count == 9, value.allSatisfy(\.isASCIIDigit) { return String(value.prefix(5)) }
            return value.isEmpty ? nil : value
        case .country:
            let value = trimmed.lowercased()
            guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw InvalidValue(reason: "is not an ISO 3166-1 alpha-2 country code")
            }
            return value
        case .externalID:
            return trimmed
        }
    }

    /// Lowercase letters (any script) and digits: punctuation, symbols and spaces removed.
    private static func lettersAndDigits(_ text: String) -> String? {
        let kept = String(text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType == .decimal })
        return kept.isEmpty ? nil : kept
    }

    private static func isDate(_ digits: String) -> Bool {
        let year = Int(digits.prefix(4)) ?? 0
        let month = Int(digits.dropFirst(4).prefix(2)) ?? 0
        let day = Int(digits.suffix(2)) ?? 0
        return (1900...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
