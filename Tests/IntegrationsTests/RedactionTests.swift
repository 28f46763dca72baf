import Integrations
import Testing

@Suite struct RedactionTests {
    @Test func passwordAndSensitiveQueryValuesLeaveURLs() {
        let url = Redaction.url("https://user:hunter2@example.com/path?access_token=abc123&page=2")
        #expect(!url.contains("hunter2"))
        #expect(!url.contains("abc123"))
        #expect(url.contains("page=2"))
        #expect(url.contains("example.com/path"))
    }
}
