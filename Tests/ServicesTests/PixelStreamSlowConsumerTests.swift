import Pixels
import LayeredConfig
import AttrdCore
import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

extension PixelStreamTests {
    /// A stream that is not read fills the client's flow-control window
    /// (small here: 2 KiB), then the server's buffer (3 events); the next
    /// event ends it with RESOURCE_EXHAUSTED after what was buffered, and the
    /// server goes on serving. A second, filtered stream that is read
    /// promptly tells the test when the server has fanned out the last batch.
    @Test func aStreamThatFallsBehindItsBufferEndsWithResourceExhausted() async throws {
        let tenant = try TestTenant()
        let flood = 30
        let timeout = Duration.seconds(60)
        try await AttrdHarness.withServer(configure: { $0.modules[PixelsSettings.streamBuffer] = 3 }) { attrd in
            try await attrd.withClient(tenant, kind: "user", name: "watcher") { fastClient in
                try await attrd.withClient(tenant, kind: "user", name: "slow", settings: Settings(initialWindowSize: 2048)) { slowClient in
                    var marks = Attribution_V1_StreamEventsRequest()
                    marks.orderIDPrefix = "mark-"
                    let fast = Attribution_V1_PixelsClient(fastClient)
                    let (received, ending) = try await Attribution_V1_PixelsClient(slowClient).streamEvents(
                        Attribution_V1_StreamEventsRequest(), timeout: timeout
                    ) { slowResponses in
                        try await fast.streamEvents(marks, timeout: timeout) { markResponses in
                            var slow = slowResponses.makeAsyncIterator()
                            var marked = markResponses.makeAsyncIterator()
                            _ = try await LiveStream.probing(attrd, tenant, orderPrefix: "mark-probe-") {
                                _ = try await marked.next()
                                return try await slow.next()
                            }
                            // Both live; the slow one is not read while the flood goes in.
                            try await attrd.withIngest(tenant) { ingest in
                                for batch in 0..<(flood / 3) {
                                    _ = try await ingest.ingestPixelEvents(LiveStream.batch((0..<3).map {
                                        Fixtures.event("flood-\(batch)-\($0)", orderID: "flood-\(batch)-\($0)")
                                    }))
                                }
                                _ = try await ingest.ingestPixelEvents(LiveStream.batch([Fixtures.event("last", orderID: "mark-last")]))
                            }
                            // The marks stream has the last batch: the slow stream has been handed every batch.
                            #expect(try await LiveStream.nextEvent(&marked)?.eventID == "last")
                            var received = 0
                            do {
                                while try await slow.next() != nil { received += 1 }
                                return (received, nil as RPCError?)
                            } catch let error as RPCError {
                                return (received, error)
                            }
                        }
                    }
                    #expect(ending?.code == .resourceExhausted)
                    #expect(ending?.message.contains("more than 3 events behind") == true, "\(String(describing: ending))")
                    #expect(received < flood, "the slow stream got \(received) events after its first")
                    // The server still serves, this tenant included.
                    var list = Attribution_V1_ListEventsRequest()
                    list.orderIDPrefix = "flood-"
                    let listed = try await fast.listEvents(list)
                    #expect(listed.totalSize == Int32(flood))
                }
            }
        }
    }
}
