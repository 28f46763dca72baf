import Foundation
import Integrations
import Testing

@Suite struct RedactionTests {
    @Test func passwordAndSensitiveQueryValuesLeaveURLs() {
        let url = Redaction.url("https://user:hunter2@example.com/path?access_token=abc123&page=2&X-Amz-Signature=f00d")
        #expect(!url.contains("hunter2"))
        #expect(!url.contains("abc123"))
        #expect(!url.contains("f00d"))
        #expect(url.contains("page=2"))
        #expect(url.contains("example.com/path"))
        let webhook = Redaction.url("https://hooks.slack.com/services/T000/B000/s3cretpath", hidePath: true)
        #expect(webhook == "https://hooks.slack.com/[REDACTED]")
    }

    @Test func tokenShapesLeaveFreeText() {
        let secrets = [
            ("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi"),
            (#"{"access_token":"at-123456","expires_in":3600,"refresh_token":"rt-abcdef"}"#, "at-123456"),
            (#"{"access_token":"at-123456","expires_in":3600,"refresh_token":"rt-abcdef"}"#, "rt-abcdef"),
            ("grant_type=refresh_token&refresh_token=rt-xyz789&client_secret=cs-000111", "rt-xyz789"),
            ("grant_type=refresh_token&refresh_token=rt-xyz789&client_secret=cs-000111", "cs-000111"),
            ("code=auth-code-42&state=abc", "auth-code-42"),
            ("secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw in a message", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            ("token xoxb-1234-5678-abcdefgh failed", "xoxb-1234-5678-abcdefgh"),
            ("Failed to connect to https://bob:pa55word@proxy.internal:3128", "pa55word"),
            ("Signature=" + String(repeating: "ab", count: 32), String(repeating: "ab", count: 32)),
        ]
        for (text, secret) in secrets {
            #expect(!Redaction.text(text).contains(secret), "\(text)")
        }
        #expect(Redaction.text("grant_type=refresh_token&scope=ads:read").contains("grant_type=refresh_token"))
        #expect(Redaction.text("expires_in: 3600") == "expires_in: 3600")
        #expect(Redaction.text("the key is opensesame-42", secrets: ["opensesame-42"]) == "the key is [REDACTED]")
    }

    @Test func sensitiveHeadersAndErrors() {
        #expect(Redaction.header(name: "Authorization", value: "Basic dXNlcjpwYXNz") == "Authorization: [REDACTED]")
        #expect(Redaction.header(name: "Content-Type", value: "text/csv") == "Content-Type: text/csv")
        let error = IntegrationError(.httpStatus, "POST failed", status: 400,
                                     bodyExcerpt: #"{"error":"invalid_grant","refresh_token":"rt-leaked"}"#)
        #expect(!"\(error)".contains("rt-leaked"))
        #expect("\(error)".contains("invalid_grant"))
    }

    /// Error messages quote the start of a body: redacted before it is cut,
    /// so a secret straddling the cut leaves no fragment either.
    @Test func bodyExcerptsAreRedactedBeforeTheyAreCut() {
        let secret = "s3cr3t-TOKEN-0123456789"
        let body = String(repeating: "x", count: 295) + secret + String(repeating: "y", count: 50)
        let excerpt = HTTPResponse(status: 401, headers: [], body: Data(body.utf8)).excerpt(secrets: [secret])
        #expect(excerpt == String(repeating: "x", count: 295) + "[REDA…")
        #expect(!excerpt.contains("s3cr"))
        let short = HTTPResponse(status: 500, headers: [], body: Data("busy".utf8))
        #expect(short.excerpt(secrets: [secret]) == "busy")
    }
}
