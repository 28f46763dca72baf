import ServiceKit
public import AttributionStore
public import Jobs

extension PixelAlertOutbox {
    /// The delivery job kind as this replica runs it: alerts of the channels
    /// `sender` can send on are sent; the others are snoozed for `snooze`.
    /// (Tests shorten the retry policy and the lease.)
    public func kind(
        sender: PixelAlertSender, snooze: Duration, retry: JobRetryPolicy = Self.retry, lease: Duration = Self.lease
    ) -> JobKind {
        JobKind(name: Self.kind, concurrency: 4, lease: lease, retry: retry) { context in
            try await deliver(context, sender: sender, snooze: snooze)
        }
    }

    /// One delivery job's attempt through `sender`.
    @discardableResult
    public func deliver(_ context: JobContext, sender: PixelAlertSender, snooze: Duration) async throws -> Attempt {
        try await deliver(context, channels: sender.channels, snooze: snooze) { alert, delivered in
            try await sender.send(alert, delivered: delivered)
        }
    }
}
