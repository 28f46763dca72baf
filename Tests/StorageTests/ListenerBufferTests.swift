@testable import Storage
import Testing

struct ListenerBufferTests {
    @Test func aDropFromAFullBufferIsFollowedByWordOfTheLoss() async {
        let (stream, continuation) = AsyncStream<PostgresListener.Event>.makeStream(bufferingPolicy: .bufferingNewest(3))
        for n in 1...5 {
            PostgresListener.yield(.notification(channel: "c", payload: "\(n)"), to: continuation)
        }
        continuation.finish()
        var events: [PostgresListener.Event] = []
        for await event in stream { events.append(event) }
        #expect(events == [.reconnected, .notification(channel: "c", payload: "5"), .reconnected])
    }

    @Test func noDropNoWord() async {
        let (stream, continuation) = AsyncStream<PostgresListener.Event>.makeStream(bufferingPolicy: .bufferingNewest(3))
        for n in 1...3 {
            PostgresListener.yield(.notification(channel: "c", payload: "\(n)"), to: continuation)
        }
        continuation.finish()
        var events: [PostgresListener.Event] = []
        for await event in stream { events.append(event) }
        #expect(events == (1...3).map { .notification(channel: "c", payload: "\($0)") })
    }
}
