/// One page of a keyset-paged list method (PROTOCOL.md §12): the page size
/// and the position the page starts after, read from the request; then,
/// from the rows a store returned for ``fetchLimit``, the page's rows and
/// the next page's token.
///
/// A store orders its rows by a unique key (e.g. `(created_at, id)`
/// descending) and returns up to `fetchLimit` rows after `after`: one more
/// than the page, so that a next page exists exactly when the extra row does.
/// The token is a ``PageToken``: the cursor of the page's last row, bound to
/// the request's filters.
public struct KeysetPage<Cursor: Codable & Sendable>: Sendable {
    /// Rows in a page.
    public let size: Int
    /// The position this page starts after; nil on the first page.
    public let after: Cursor?
    /// The fingerprint of the request's filters the tokens are bound to.
    public let filters: String

    /// Reads `page_size` (0 means `defaultSize`, more than `maximum` is
    /// clamped, negative is INVALID_ARGUMENT) and `page_token` (empty for the
    /// first page; made for other `filters`: INVALID_ARGUMENT).
    public init(
        size: Int32, token: String, filters: String, defaultSize: Int = 50, maximum: Int = 200
    ) throws(FieldError) {
        self.size = try PageSize.resolve(size, default: defaultSize, maximum: maximum)
        self.after = try PageToken<Cursor>.decode(token, filters: filters)?.position
        self.filters = filters
    }

    /// How many rows to ask the store for: the page and one more.
    public var fetchLimit: Int { size + 1 }

    /// The page's rows among `fetched` (up to ``fetchLimit`` rows in list
    /// order) and the next page's token, the cursor of the page's last row;
    /// "" when there is no next page.
    public func split<Row>(_ fetched: [Row], cursor: (Row) -> Cursor) -> (rows: ArraySlice<Row>, nextPageToken: String) {
        let rows = fetched.prefix(size)
        guard fetched.count > size, let last = rows.last else { return (rows, "") }
        return (rows, PageToken(position: cursor(last), filters: filters).encoded())
    }
}
