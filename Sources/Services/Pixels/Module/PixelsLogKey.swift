/// The Pixels module's log metadata keys, prefixed so they never collide with
/// another library's. A tenant is always `RPCLogKey.tenant` (`tenant_id`).
/// Values are ids, counts and error descriptions: never payloads or personal data.
enum PixelsLogKey: String {
    case error = "pixels_error"
    case platforms = "pixels_platforms"
    case payloadLength = "pixels_payload_length"
    case streams = "pixels_streams"
    case buffer = "pixels_buffer"
}
