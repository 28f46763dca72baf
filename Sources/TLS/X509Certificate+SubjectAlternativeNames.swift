import COpenSSL
import Foundation

extension X509Certificate {
    /// One entry of the subjectAltName extension.
    public enum SubjectAlternativeName: Hashable, Sendable {
        case dns(String)
        case ipAddress(String)
        case uri(String)
        case email(String)
        /// A kind this product never issues (directory name, other name, ...).
        case other(kind: Int32)
    }

    /// The subjectAltName entries, in certificate order; empty when there is none.
    public var subjectAlternativeNames: [SubjectAlternativeName] {
        guard let names = attr_x509_subject_alt_names(pointer) else { return [] }
        defer { attr_general_names_free(names) }
        return (0..<attr_general_names_count(names)).compactMap { index in
            attr_general_names_value(names, index).map { Self.decode($0.pointee) }
        }
    }

    /// Whether the extended key usage extension is present and allows TLS client authentication.
    public var hasClientAuthUsage: Bool {
        let usage = X509_get_extended_key_usage(pointer)
        return usage != UInt32.max && usage & UInt32(XKU_SSL_CLIENT) != 0
    }

    /// The URI entries alone: a SPIFFE X.509-SVID carries exactly one.
    public var uriSubjectAlternativeNames: [String] {
        subjectAlternativeNames.compactMap {
            if case .uri(let uri) = $0 { uri } else { nil }
        }
    }

    private static func decode(_ name: GENERAL_NAME) -> SubjectAlternativeName {
        switch name.type {
        case GEN_DNS: .dns(string(name.d.dNSName))
        case GEN_URI: .uri(string(name.d.uniformResourceIdentifier))
        case GEN_EMAIL: .email(string(name.d.rfc822Name))
        case GEN_IPADD: .ipAddress(ipAddress(name.d.iPAddress))
        default: .other(kind: name.type)
        }
    }

    private static func bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> UnsafeRawBufferPointer {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: data, count: Int(ASN1_STRING_length(string)))
    }

    private static func string(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        String(decoding: bytes(string), as: UTF8.self)
    }

    private static func ipAddress(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
        let raw = bytes(string)
        let family: Int32
        switch raw.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return raw.map { String(format: "%02x", $0) }.joined()
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, raw.baseAddress, &text, socklen_t(text.count)) != nil else { return "" }
        return String(decoding: text.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
    }
}
