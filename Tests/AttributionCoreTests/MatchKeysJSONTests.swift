import AttributionCore
import Foundation
import Testing

@Suite("Match keys as JSON")
struct MatchKeysJSONTests {
    @Test func browserValuesWithQuotesBackslashesControlsAndUnicodeSurviveAParser() throws {
        var keys = MatchKeys()
        let agent = "Mozilla/5.0 \"quoted\" back\\slash\u{01}bell\tand tab, ünïcödé 👍"
        keys.set(.clientUserAgent, agent)
        keys.set(.fbc, "fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890")
        try keys.add(.email, ["a@example.com", "b@example.com"], field: "emails")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(keys.jsonObject.utf8)) as? [String: Any])
        #expect(object["client_user_agent"] as? String == agent)
        #expect(object["fbc"] as? String == "fb.1.1554763741205.AbCdEfGhIjKlMnOpQrStUvWxYz1234567890")
        #expect(object["em"] as? [String] == keys.hashed[.email])
        #expect(object.count == 3)
    }

    @Test func keysAreSortedSoTheSameKeysGiveTheSameBytes() throws {
        var keys = MatchKeys()
        keys.set(.fbp, "fb.1.2.3")
        try keys.add(.phone, ["+1 650 555 0100"], field: "phones")
        keys.set(.clientIPAddress, "203.0.113.7")
        let text = keys.jsonObject
        let order = ["\"client_ip_address\"", "\"fbp\"", "\"ph\""].map { text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(MatchKeys().jsonObject == "{}")
    }
}
