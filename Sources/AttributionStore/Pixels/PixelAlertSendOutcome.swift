/// What one attempt to send an alert came to. A failure's text is stored as
/// the alert's `delivery_error`, so it must already be redacted.
public enum PixelAlertSendOutcome: Sendable, Equatable {
    case sent
    /// May succeed later (a timeout, a refused connection, an SMTP 4xx
    /// reply, Slack rate limiting): tried again after a backoff, up to the
    /// policy's attempt limit.
    case transient(String)
    /// Will not succeed as it is (an unknown recipient, a missing Slack
    /// channel, refused credentials): the alert fails now.
    case permanent(String)
}
