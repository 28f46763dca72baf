/// A grid of characters that boxes are drawn on; lines are trimmed on output.
struct TextCanvas {
    private(set) var cells: [[Character]]
    let width: Int

    init(width: Int, height: Int) {
        self.width = width
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    /// Writes `text` from (x, y), clipped to `limit` characters and the canvas.
    mutating func write(_ text: String, x: Int, y: Int, limit: Int) {
        guard y >= 0, y < cells.count else { return }
        for (offset, character) in text.prefix(max(0, limit)).enumerated() where x + offset >= 0 && x + offset < width {
            cells[y][x + offset] = character
        }
    }

    /// A box with `title` in its top border and `lines` inside, clipped to the box.
    mutating func box(x: Int, y: Int, width: Int, height: Int, title: String, lines: [String]) {
        guard width >= 2, height >= 2 else { return }
        let inner = width - 2
        var top = "┌" + String(repeating: "─", count: inner) + "┐"
        if !title.isEmpty, inner > 2 {
            let label = " " + String(title.prefix(inner - 2)) + " "
            top = "┌" + label + String(repeating: "─", count: max(0, inner - label.count)) + "┐"
        }
        write(top, x: x, y: y, limit: width)
        for row in 1..<(height - 1) {
            let content = row - 1 < lines.count ? String(lines[row - 1].prefix(inner)) : ""
            write("│" + content + String(repeating: " ", count: inner - content.count) + "│", x: x, y: y + row, limit: width)
        }
        write("└" + String(repeating: "─", count: inner) + "┘", x: x, y: y + height - 1, limit: width)
    }

    var text: String {
        cells.map { String($0).replacing(/\s+$/, with: "") }.joined(separator: "\n")
    }
}
