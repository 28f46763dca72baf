import Foundation

extension MatchKeys {
    /// The JSON object stored in `pixel_events.match_keys`: arrays of hex
    /// digests under the CAPI parameter names, strings under the browser keys.
    public var jsonObject: String {
        var object: [String: Any] = [:]
        for (parameter, digests) in hashed { object[parameter.rawValue] = digests }
        for (key, value) in browser { object[key.rawValue] = value }
        // Sorted keys: the same keys always give the same bytes.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
