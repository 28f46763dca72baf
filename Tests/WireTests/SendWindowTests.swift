import NIOCore
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

@Suite("Message storage")
struct MessageStorageTests {
    @Test func aSmallSliceOfALargeBufferGetsItsOwnStorage() {
        var large = ByteBuffer(repeating: 7, count: 64 * 1024)
        let slice = large.readSlice(length: 10)!
        let compacted = slice.compacted
        #expect(compacted == slice)
        #expect(compacted.storageCapacity < 1024)
        let whole = ByteBuffer(repeating: 1, count: 100)
        #expect(whole.compacted.storageCapacity == whole.storageCapacity, "a buffer of its own is kept as it is")
    }
}
