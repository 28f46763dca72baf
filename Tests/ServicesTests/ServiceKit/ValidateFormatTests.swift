import Foundation
import ServiceKit
import Testing

@Suite("ServiceKit: validators")
struct ValidateFormatTests {
    @Test func email() throws {
        #expect(try Validate.email(" ops@example.com ", "to") == "ops@example.com")
        for bad in ["", "ops", "ops@", "@example.com", "ops@example", "ops@.example.com", "a b@example.com", "a@b@c.com"] {
            #expect(throws: FieldError("to", "is not an email address"), "\(bad)") { try Validate.email(bad, "to") }
        }
        #expect(throws: FieldError("to", "is not an email address")) { try Validate.email(String(repeating: "a", count: 250) + "@x.io", "to") }
    }

    @Test func slackChannel() throws {
        #expect(try Validate.slackChannel("#pixel-alerts_2", "ch") == "#pixel-alerts_2")
        for bad in ["pixel", "#", "#Pixel", "#a b", "#" + String(repeating: "a", count: 81)] {
            #expect(throws: FieldError("ch", "is not a Slack channel (# then 1 to 80 of a-z, 0-9, - and _)"), "\(bad)") {
                try Validate.slackChannel(bad, "ch")
            }
        }
    }

    @Test func absoluteURL() throws {
        #expect(try Validate.absoluteURL("https://example.com/a?b=1", "hook").host == "example.com")
        #expect(throws: FieldError("hook", "is not an https URL")) { try Validate.absoluteURL("http://example.com", "hook") }
        #expect(throws: FieldError("hook", "is not an https URL")) { try Validate.absoluteURL("/relative", "hook") }
        #expect(throws: FieldError("hook", "is required")) { try Validate.absoluteURL("", "hook") }
        #expect(try Validate.absoluteURL("http://example.com", "hook", allowHTTP: true).scheme == "http")
        #expect(throws: FieldError("hook", "is not an http or https URL")) { try Validate.absoluteURL("ftp://x.org", "hook", allowHTTP: true) }
        #expect(try Validate.url("", "landing") == nil, "the optional form is unchanged")
    }

    @Test func uuid() throws {
        let id = UUID()
        #expect(try Validate.uuid(id.uuidString.lowercased(), "id") == id)
        #expect(throws: FieldError("id", "is required")) { try Validate.uuid("", "id") }
        #expect(throws: FieldError("id", "is not a UUID")) { try Validate.uuid("42", "id") }
    }

    @Test func timeZone() throws {
        #expect(try Validate.timeZone("Europe/Berlin", "time_zone").identifier == "Europe/Berlin")
        #expect(try Validate.timeZone("UTC", "time_zone").secondsFromGMT() == 0)
        for bad in ["Mars/Olympus", "+02:00", "Europe/Berlin/x"] {
            #expect(throws: FieldError("time_zone", "is not an IANA time zone name (e.g. Europe/Berlin)"), "\(bad)") {
                try Validate.timeZone(bad, "time_zone")
            }
        }
        #expect(throws: FieldError("time_zone", "is required")) { try Validate.timeZone("", "time_zone") }
    }

    @Test func listsNameTheCountAndTheElement() throws {
        #expect(try Validate.strings([" a ", "b"], "codes", maximum: 3, length: 5) == ["a", "b"])
        #expect(throws: FieldError("codes", "has more than 2 codes")) {
            try Validate.strings(["a", "b", "c"], "codes", maximum: 2, length: 5, noun: "codes")
        }
        #expect(throws: FieldError("codes[1]", "is longer than 5 characters")) {
            try Validate.strings(["a", "toolong"], "codes", maximum: 3, length: 5)
        }
        #expect(throws: FieldError("emails[2]", "is not an email address")) {
            try Validate.list(["a@x.io", "b@x.io", "nope"], "emails", maximum: 20, element: Validate.email)
        }
    }
}
