import CCurl

extension CurlEasy {
    /// Timeouts, TLS verification (always on; an optional CA bundle) and
    /// the proxy for a transfer to a URL of `scheme`.
    func apply(_ settings: TransportSettings, scheme: String) throws(IntegrationError) {
        try set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeout.curlMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, settings.totalTimeout.curlMilliseconds)
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let bundle = settings.caBundlePath { try set(CURLOPT_CAINFO, bundle) }
        if let proxy = settings.proxy, let url = proxy.proxy(forScheme: scheme) {
            try set(CURLOPT_PROXY, url)
            if let noProxy = proxy.noProxy { try set(CURLOPT_NOPROXY, noProxy) }
        } else {
            // Explicitly none: libcurl would otherwise read the environment itself.
            try set(CURLOPT_PROXY, "")
        }
    }
}
