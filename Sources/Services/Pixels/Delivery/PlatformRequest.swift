import ServiceKit
import AttributionStore
import Foundation
import Integrations

/// The HTTP request that delivers one event to its platform, in the
/// platform's own format (Meta Conversions API, TikTok Events API 1.3, GA4
/// Measurement Protocol). Customer parameters go as the stored SHA-256
/// digests, never raw; secrets go in the body or a header, except GA4's
/// api_secret, which the protocol puts in the URL (redacted in logs).
enum PlatformRequest {
    static func make(_ event: DeliverableEvent, to destination: PixelDestination, endpoints: PlatformEndpoints) -> HTTPRequest? {
        let body: [String: Any]
        var request: HTTPRequest
        switch event.row.platform {
        case "meta":
            var userData: [String: Any] = event.hashed
            for key in ["client_ip_address", "client_user_agent", "fbc", "fbp"] { userData[key] = event.browser[key] }
            var data: [String: Any] = [
                "event_name": event.row.eventName, "event_time": Int(event.row.eventTime.timeIntervalSince1970),
                "event_id": event.row.eventID, "action_source": "website", "user_data": userData,
            ]
            data["custom_data"] = customData(event.row, orderKey: "order_id")
            body = ["data": [data], "access_token": destination.secret]
            request = HTTPRequest(method: "POST", url: "\(endpoints.meta)/\(escape(destination.destinationID))/events")
        case "tiktok":
            var user: [String: Any] = [:]
            for (stored, name) in [("em", "email"), ("ph", "phone"), ("external_id", "external_id")] {
                user[name] = event.hashed[stored]
            }
            for (stored, name) in [("client_ip_address", "ip"), ("client_user_agent", "user_agent"), ("ttclid", "ttclid"), ("ttp", "ttp")] {
                user[name] = event.browser[stored]
            }
            var data: [String: Any] = [
                "event": event.row.eventName, "event_time": Int(event.row.eventTime.timeIntervalSince1970),
                "event_id": event.row.eventID, "user": user,
            ]
            data["properties"] = customData(event.row, orderKey: "order_id")
            body = ["event_source": "web", "event_source_id": destination.destinationID, "data": [data]]
            request = HTTPRequest(method: "POST", url: "\(endpoints.tiktok)/event/track/")
            request.headers.append(("Access-Token", destination.secret))
        case "ga4":
            var params = customData(event.row, orderKey: "transaction_id") ?? [:]
            params["engagement_time_msec"] = 1
            if let session = event.row.sessionID { params["session_id"] = session }
            body = [
                "client_id": event.browser["ga_client_id"] ?? event.row.sessionID ?? event.row.eventID,
                "timestamp_micros": Int64(event.row.eventTime.timeIntervalSince1970 * 1_000_000),
                "events": [["name": event.row.eventName, "params": params]],
            ]
            var components = URLComponents(string: "\(endpoints.ga4)/mp/collect")
            components?.queryItems = [
                URLQueryItem(name: "measurement_id", value: destination.destinationID),
                URLQueryItem(name: "api_secret", value: destination.secret),
            ]
            guard let url = components?.string else { return nil }
            request = HTTPRequest(method: "POST", url: url)
        default:
            return nil
        }
        guard let json = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else { return nil }
        request.headers.append(("Content-Type", "application/json"))
        request.body = .bytes(json)
        request.secrets = secretForms(destination.secret)
        request.throwsOnHTTPError = false
        return request
    }

    /// Value, currency and order id, when the event carries them.
    private static func customData(_ row: PixelEventRow, orderKey: String) -> [String: Any]? {
        var data: [String: Any] = [:]
        if let minor = row.valueMinor, let currency = row.currency {
            let exponent = zeroDecimalCurrencies.contains(currency) ? 0 : 2
            data["value"] = NSDecimalNumber(mantissa: UInt64(minor), exponent: Int16(-exponent), isNegative: false)
            data["currency"] = currency
        }
        if let order = row.orderID { data[orderKey] = order }
        return data.isEmpty ? nil : data
    }

    static let zeroDecimalCurrencies: Set<String> = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]

    /// The secret as a platform may echo it back: as sent, percent-encoded
    /// (GA4 carries it in the URL) and JSON-escaped.
    static func secretForms(_ secret: String) -> [String] {
        let json = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let forms = [
            secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret,
            json, json.replacingOccurrences(of: "/", with: "\\/"),
        ]
        return forms.enumerated().filter { !forms.prefix($0.offset).contains($0.element) }.map(\.element)
    }

    private static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? segment
    }
}
