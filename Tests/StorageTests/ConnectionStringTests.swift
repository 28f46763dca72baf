import Storage
import Testing

@Suite("Connection strings")
struct ConnectionStringTests {
    @Test func descriptionHidesThePassword() throws {
        let url = try ConnectionString("postgresql://attr_app:s3cret@127.0.0.1:55432/attribution?sslmode=disable")
        #expect(url.description == "postgresql://attr_app@127.0.0.1:55432/attribution")
        #expect(url.options["password"] == nil)
        #expect(url.options["sslmode"] == "disable")
        #expect(!"\(url)".contains("s3cret"))
    }

    @Test func keywordValueFormIsAccepted() throws {
        let url = try ConnectionString("host=/tmp port=5433 dbname=x user=y password=z")
        #expect(url.description == "postgresql://y@/tmp:5433/x")
    }

    @Test(arguments: ["postgresql://[::1/db", "host=x unknownkeyword=1", "postgresql://x/db?nonsense=1", "'unterminated"])
    func libpqRejectsMalformedStrings(_ text: String) {
        do {
            _ = try ConnectionString(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.code == .invalidConnectionString)
            #expect(!error.message.isEmpty)
        }
    }
}
