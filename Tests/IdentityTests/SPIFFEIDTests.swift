import Identity
import Testing

@Suite("SPIFFE ID syntax")
struct SPIFFEIDTests {
    @Test func parsesTrustDomainAndSegments() throws {
        let id = try SPIFFEID(parsing: "spiffe://attribution.local/tenant/abc/user/alice")
        #expect(id.trustDomain.name == "attribution.local")
        #expect(id.segments == ["tenant", "abc", "user", "alice"])
        #expect(id.path == "/tenant/abc/user/alice")
        #expect(id.description == "spiffe://attribution.local/tenant/abc/user/alice")
    }

    @Test(
        "rejects what the SPIFFE ID standard forbids",
        arguments: [
            "", "https://attribution.local/tenant/x", "SPIFFE://attribution.local/x", "spiffe://attribution.local",
            "spiffe://attribution.local/", "spiffe://Attribution.local/x", "spiffe://attribution.local:8443/x",
            "spiffe://user@attribution.local/x", "spiffe:///x", "spiffe://attribution.local/a//b",
            "spiffe://attribution.local/a/./b", "spiffe://attribution.local/a/../b", "spiffe://attribution.local/a/",
            "spiffe://attribution.local/a?b=c", "spiffe://attribution.local/a#b", "spiffe://attribution.local/a%20b",
            "spiffe://attribution.local/" + String(repeating: "a", count: 2048),
        ]
    )
    func rejectsMalformed(_ text: String) {
        #expect(throws: IdentityError.self) { try SPIFFEID(parsing: text) }
        do {
            _ = try SPIFFEID(parsing: text)
        } catch {
            #expect(error.code == .malformedSPIFFEID)
            #expect(error.message.count < 300, "untrusted input is cut short in messages")
        }
    }

    @Test func trustDomainAllowsOnlyLowercaseLettersDigitsDotsDashesUnderscores() throws {
        #expect(try TrustDomain("prod-eu_1.example").name == "prod-eu_1.example")
        for bad in ["", "Example.org", "exa mple", "exa/mple", "ex:8080", String(repeating: "a", count: 256)] {
            #expect(throws: IdentityError.self, "\(bad)") { try TrustDomain(bad) }
        }
    }
}
