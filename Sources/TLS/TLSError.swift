import COpenSSL

/// An error from loading or checking TLS material, with OpenSSL's own reason.
public struct TLSError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A file could not be opened or read.
        public static let unreadableFile = Self("unreadable file")
        /// A file was read but holds no usable PEM object of the expected kind.
        public static let invalidPEM = Self("invalid PEM")
        /// The private key does not belong to the certificate.
        public static let keyMismatch = Self("key mismatch")
        /// The TLS handshake failed (the peer's certificate, protocol or cipher).
        public static let handshakeFailed = Self("handshake failed")
        /// The handshake did not finish in time.
        public static let handshakeTimeout = Self("handshake timed out")
        /// A TLS record could not be read or written after the handshake.
        public static let connectionFailed = Self("TLS connection failed")
        /// OpenSSL refused an operation.
        public static let openSSL = Self("OpenSSL error")

        public var description: String { name }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// Builds an error whose message ends with the reasons on OpenSSL's
    /// thread-local error queue, which this empties.
    static func fromQueue(_ code: Code, _ message: String) -> TLSError {
        let reasons = OpenSSLErrorQueue.drain()
        let detail = reasons.isEmpty ? message : "\(message): \(reasons.joined(separator: "; "))"
        return TLSError(code: code, message: detail)
    }

    public var description: String { "\(code): \(message)" }
}

/// OpenSSL reports errors on a per-thread queue; read it right after a failed call.
enum OpenSSLErrorQueue {
    static func drain() -> [String] {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self))
        }
        return reasons
    }
}
