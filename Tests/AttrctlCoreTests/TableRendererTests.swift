import AttrctlCore
import Testing

@Suite("Tables")
struct TableRendererTests {
    @Test func columnsAlignUnderUppercaseHeaders() {
        let table = TableRenderer(header: ["name", "server"], rows: [["dev", "127.0.0.1:7443"], ["staging-eu", "s:1"]])
        #expect(
            table.render() == """
                NAME         SERVER
                dev          127.0.0.1:7443
                staging-eu   s:1
                """
        )
    }
}
