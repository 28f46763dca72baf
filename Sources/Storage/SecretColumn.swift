/// A bytea column holding sealed secrets (`SecretBox` envelopes),
/// keyed by the row's uuid `id`. Each service module declares its own
/// (`ServiceModule.secretColumns`); `attrd keys rotate` re-seals them all.
public struct SecretColumn: Sendable, Hashable {
    public let table: String
    public let column: String

    /// `table` and `column` are SQL identifiers written into statements:
    /// constants of the code, never input.
    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
}
