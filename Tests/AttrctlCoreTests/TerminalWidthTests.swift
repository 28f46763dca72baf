@testable import AttrctlCore
import Testing

@Suite("Terminal width")
struct TerminalWidthTests {
    @Test func columnsThenTheTerminalThenOneHundred() {
        #expect(TerminalWidth.resolve(columns: "132", terminal: 80) == 132)
        #expect(TerminalWidth.resolve(columns: nil, terminal: 80) == 80)
        #expect(TerminalWidth.resolve(columns: "wide", terminal: 80) == 80, "not a number: ignored")
        #expect(TerminalWidth.resolve(columns: "0", terminal: nil) == 100)
        #expect(TerminalWidth.resolve(columns: nil, terminal: nil) == 100)
    }

    @Test func tablesFitOnlyInTableFormat() {
        #expect(OutputFormat.wide.tableWidth == nil && OutputFormat.json.tableWidth == nil)
        #expect(OutputFormat.table.tableWidth != nil)
        #expect((try? OutputFormat.parse("WIDE")) == .wide)
    }
}
