import CCurl

/// One libcurl easy handle, plus the lists and MIME trees it points at
/// (libcurl copies strings but not those), freed together in `deinit`.
/// Used by one thread at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private var mimes: [OpaquePointer] = []
    /// CURLOPT_ERRORBUFFER: libcurl's detail on the last failure.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws(IntegrationError) {
        guard Curl.initialised, let handle = curl_easy_init() else {
            throw IntegrationError(.transport, "libcurl could not be initialised")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        _ = attr_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        // Never SIGALRM for DNS timeouts: we run on a thread pool.
        _ = attr_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        lists.forEach { curl_slist_free_all($0) }
        mimes.forEach { curl_mime_free($0) }
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(IntegrationError) {
        try check(attr_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, offset value: Int64) throws(IntegrationError) {
        try check(attr_curl_setopt_offset(handle, option, curl_off_t(value)), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(IntegrationError) {
        try check(attr_curl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(IntegrationError) {
        try check(attr_curl_setopt_pointer(handle, option, pointer), option)
    }

    /// Sets a string-list option (headers, recipients, quote commands).
    func set(_ option: CURLoption, list: [String]) throws(IntegrationError) {
        var head: UnsafeMutablePointer<curl_slist>? = nil
        for item in list {
            guard let next = curl_slist_append(head, item) else {
                if let head { curl_slist_free_all(head) }
                throw IntegrationError(.transport, "out of memory building a libcurl list")
            }
            head = next
        }
        guard let head else { return }
        lists.append(head)
        try check(attr_curl_setopt_slist(handle, option, head), option)
    }

    /// A new MIME tree owned by this handle (for SMTP bodies).
    func makeMime() -> OpaquePointer? {
        guard let mime = curl_mime_init(handle) else { return nil }
        return mime
    }

    /// Hands the root of a MIME tree to libcurl; this handle frees it.
    func setMime(_ mime: OpaquePointer) throws(IntegrationError) {
        mimes.append(mime)
        try check(attr_curl_setopt_mime(handle, mime), CURLOPT_MIMEPOST)
    }

    /// A list kept alive as long as the handle, for curl_mime_headers.
    func retainedList(_ items: [String]) -> UnsafeMutablePointer<curl_slist>? {
        var head: UnsafeMutablePointer<curl_slist>? = nil
        for item in items { head = curl_slist_append(head, item) }
        return head
    }

    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }

    func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        _ = attr_curl_getinfo_long(handle, info, &value)
        return value
    }

    /// libcurl's own words on the last failure (the error buffer, else the code's text).
    func failureDetail(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(IntegrationError) {
        guard code == CURLE_OK else {
            throw IntegrationError(
                .invalidRequest, "libcurl refused option \(option.rawValue): \(String(cString: curl_easy_strerror(code)))",
                curlCode: Int(code.rawValue))
        }
    }
}
