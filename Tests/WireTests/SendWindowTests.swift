import Testing
import Wire

@Suite("Send window")
struct SendWindowTests {
    @Test func aLastMessageMayOverdrawThenCreditReopens() throws {
        var window = SendWindow(initial: 100)
        #expect(window.isOpen)
        window.spend(payloadBytes: 500)
        #expect(window.bytes == 100 - 510)
        #expect(!window.isOpen)
        _ = try window.credit(410)
        #expect(!window.isOpen, "exactly zero is still closed")
        _ = try window.credit(1)
        #expect(window.isOpen)
    }

    @Test func creditPastTheMaximumIsAFlowControlError() {
        var window = SendWindow(initial: Settings.maximumWindow - 10)
        #expect(throws: WireError(code: .flowControlError, message: "WINDOW_UPDATE takes a window past 2^31-1")) {
            _ = try window.credit(11)
        }
        #expect(window.bytes == Settings.maximumWindow - 10, "a refused credit changes nothing")
    }
}
