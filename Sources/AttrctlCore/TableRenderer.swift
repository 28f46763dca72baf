/// Renders rows as left-aligned columns under an upper-case header, kubectl
/// style; narrowed to a width by `fit` when one is given.
public struct TableRenderer: Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// How the table may be narrowed to fit a width.
    public var fit: Fit

    public init(header: [String], rows: [[String]] = [], fit: Fit = Fit()) {
        self.header = header
        self.rows = rows
        self.fit = fit
    }

    /// The table, narrowed to `width` columns when one is given (see `Fit`).
    public func render(width: Int? = nil) -> String {
        (width.map(fitted(to:)) ?? self).layout()
    }

    /// Spaces between two columns.
    static let gap = 3

    func layout() -> String {
        let all = [header.map { $0.uppercased() }] + rows
        let widths = header.indices.map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + Self.gap)
            }.joined()
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
