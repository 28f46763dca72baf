/// A mailbox: an address and an optional display name.
public struct EmailAddress: Sendable, Hashable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// `Name <address>`, the name RFC 2047-encoded when it is not plain ASCII.
    var header: String {
        guard let name, !name.isEmpty else { return "<\(address)>" }
        let plain = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || $0 == "." || $0 == "-") }
        return plain ? "\(name) <\(address)>" : "\(MIMEHeader.encodedWord(name)) <\(address)>"
    }
}
