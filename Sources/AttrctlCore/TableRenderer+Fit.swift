extension TableRenderer {
    /// How a table too wide for its width is narrowed, one step after
    /// another until it fits: ids are cut to their first `idPrefix`
    /// characters; then `droppable` columns are left out, in order, while
    /// clipping could not reach the width; then the widest `clippable`
    /// column is clipped with "…", one character at a time, but never below
    /// its header. Columns are indices into the header. What still does not
    /// fit is printed as it is.
    public struct Fit: Sendable {
        public var ids: [Int]
        public var droppable: [Int]
        public var clippable: [Int]

        public static let idPrefix = 8

        public init(ids: [Int] = [], droppable: [Int] = [], clippable: [Int] = []) {
            self.ids = ids
            self.droppable = droppable
            self.clippable = clippable
        }
    }

    /// This table narrowed to `width` as `fit` says.
    func fitted(to width: Int) -> TableRenderer {
        var rows = self.rows
        var kept = Array(header.indices)
        func natural(_ column: Int) -> Int {
            rows.reduce(header[column].count) { max($0, column < $1.count ? $1[column].count : 0) }
        }
        func floor(_ column: Int) -> Int {
            fit.clippable.contains(column) ? min(natural(column), header[column].count) : natural(column)
        }
        func total(_ width: (Int) -> Int) -> Int {
            kept.reduce(0) { $0 + width($1) } + Self.gap * max(0, kept.count - 1)
        }
        guard total(natural) > width else { return TableRenderer(header: header, rows: rows) }
        for column in fit.ids {
            rows = rows.map { row in
                var row = row
                if column < row.count { row[column] = String(row[column].prefix(Fit.idPrefix)) }
                return row
            }
        }
        for column in fit.droppable where total(floor) > width {
            kept.removeAll { $0 == column }
        }
        var limits = Dictionary(uniqueKeysWithValues: header.indices.map { ($0, natural($0)) })
        while total({ limits[$0]! }) > width,
            let widest = kept.filter({ fit.clippable.contains($0) && limits[$0]! > floor($0) }).max(by: { limits[$0]! < limits[$1]! })
        {
            limits[widest]! -= 1
        }
        return TableRenderer(
            header: kept.map { header[$0] },
            rows: rows.map { row in kept.map { column in column < row.count ? row[column].clipped(to: limits[column]!) : "" } })
    }
}

extension String {
    /// At most `limit` characters, the last of a cut one "…".
    func clipped(to limit: Int) -> String {
        count <= limit ? self : String(prefix(max(0, limit - 1))) + "…"
    }
}
