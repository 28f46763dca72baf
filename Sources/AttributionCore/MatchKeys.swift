import Foundation

/// An event's match keys as stored: customer parameters SHA-256 hashed
/// (never raw), browser keys as they are.
public struct MatchKeys: Sendable, Equatable {
    /// Hex SHA-256 digests per parameter, in the order received, duplicates removed.
    public private(set) var hashed: [CustomerParameter: [String]] = [:]
    public private(set) var browser: [BrowserKey: String] = [:]

    /// At most this many values per parameter.
    public static let maximumValuesPerParameter = 10

    public init() {}

    /// A problem with one value, by its path (e.g. "em[1]").
    public struct Problem: Error, Sendable, Equatable {
        public var field: String
        public var reason: String
    }

    /// Normalises and hashes `values` of `parameter`; a value that already
    /// is 64 hex characters of either case (surrounding spaces trimmed) is
    /// taken as hashed: it is lower-cased and kept, whatever the parameter.
    public mutating func add(_ parameter: CustomerParameter, _ values: [String], field: String) throws(Problem) {
        guard values.count <= Self.maximumValuesPerParameter else {
            throw Problem(field: field, reason: "at most \(Self.maximumValuesPerParameter) values")
        }
        for (index, raw) in values.enumerated() {
            let digest: String
            if let existing = SHA256Digest.existingDigest(raw.trimmingSpaces(newlines: true)) {
                digest = existing
            } else {
                do {
                    guard let normalized = try parameter.normalize(raw) else { continue }
                    digest = SHA256Digest.hex(normalized)
                } catch {
                    // The reason names the parameter, never the value: it may be PII.
                    throw Problem(field: "\(field)[\(index)]", reason: error.reason)
                }
            }
            if !(hashed[parameter] ?? []).contains(digest) { hashed[parameter, default: []].append(digest) }
        }
    }

    /// Sets a browser key; empty values are ignored.
    public mutating func set(_ key: BrowserKey, _ value: String) {
        let trimmed = value.trimmingSpaces()
        if !trimmed.isEmpty { browser[key] = trimmed }
    }

    public var status: MatchStatus {
        if hashed.keys.contains(where: \.isStrongIdentifier) { return .matched }
        if !hashed.isEmpty || !browser.isEmpty { return .partial }
        return .unmatched
    }

    public var isEmpty: Bool { hashed.isEmpty && browser.isEmpty }
}
