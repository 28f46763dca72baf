import CCurl

/// libcurl's process-wide initialisation, done once before the first handle.
enum Curl {
    static let initialised: Bool = curl_global_init(attr_curl_global_all()) == CURLE_OK
}
