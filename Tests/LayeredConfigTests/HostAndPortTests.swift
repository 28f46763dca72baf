import LayeredConfig
import Testing

@Suite("HOST:PORT")
struct HostAndPortTests {
    @Test(arguments: [
        ("127.0.0.1:7443", "127.0.0.1", 7443), ("localhost:1", "localhost", 1),
        ("[::1]:65535", "::1", 65535), ("[fe80::1%eth0]:80", "fe80::1%eth0", 80),
    ])
    func parses(_ text: String, _ host: String, _ port: Int) throws {
        let endpoint = try HostAndPort(parsing: text)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.description == text)
    }

    @Test(arguments: ["", "7443", "localhost", ":7443", "host:", "host:0", "host:65536", "host:http", "::1:80", "[]:80", "[::1:80", "a b:1"])
    func rejects(_ text: String) {
        #expect(throws: InvalidValue.self) { try HostAndPort(parsing: text) }
    }
}
