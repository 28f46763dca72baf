/// Match keys that are sent to platforms as they are, never hashed. The raw
/// value is the key in `pixel_events.match_keys`.
public enum BrowserKey: String, Sendable, CaseIterable {
    case clientIPAddress = "client_ip_address"
    case clientUserAgent = "client_user_agent"
    case fbc
    case fbp
    case ttclid
    case ttp
    case gaClientID = "ga_client_id"
}
