import Protos
import ServiceKit

/// The layout on the 12-column grid: widgets placed explicitly may not
/// overlap; widgets with auto_place then go, in request order, to the first
/// free slot that fits them, scanning rows top-down and, within a row,
/// columns left to right.
struct GridPlacement {
    struct Rectangle: Equatable {
        var x, y, width, height: Int32

        func overlaps(_ other: Rectangle) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    private var placed: [(index: Int, rectangle: Rectangle)] = []

    /// `widgets`, each already valid on its own, with every position
    /// resolved. `field` names the list (`dashboard.widgets`).
    static func resolve(_ widgets: [Attribution_V1_Widget], _ field: String) throws(FieldError) -> [Attribution_V1_Widget] {
        var grid = GridPlacement()
        for (index, widget) in widgets.enumerated() where !widget.autoPlace {
            try grid.place(Rectangle(x: widget.x, y: widget.y, width: widget.width, height: widget.height), index: index, field)
        }
        var resolved = widgets
        for index in resolved.indices where resolved[index].autoPlace {
            guard let slot = grid.firstFreeSlot(width: resolved[index].width, height: resolved[index].height) else {
                throw FieldError("\(field)[\(index)]", "has no free slot above row \(WidgetRules.maximumRow)")
            }
            resolved[index].x = slot.x
            resolved[index].y = slot.y
            resolved[index].autoPlace = false
            try grid.place(slot, index: index, field)
        }
        return resolved
    }

    private mutating func place(_ rectangle: Rectangle, index: Int, _ field: String) throws(FieldError) {
        if let other = placed.first(where: { $0.rectangle.overlaps(rectangle) }) {
            throw FieldError(
                "\(field)[\(index)]",
                "overlaps \(field)[\(other.index)] (columns \(rectangle.x)-\(rectangle.x + rectangle.width - 1), rows \(rectangle.y)-\(rectangle.y + rectangle.height - 1))")
        }
        placed.append((index, rectangle))
    }

    /// The first position, row by row and then column by column, where a
    /// `width` × `height` widget overlaps nothing placed.
    private func firstFreeSlot(width: Int32, height: Int32) -> Rectangle? {
        for y in 0...WidgetRules.maximumRow {
            for x in 0...(Int32(WidgetRules.columns) - width) {
                let candidate = Rectangle(x: x, y: y, width: width, height: height)
                if !placed.contains(where: { $0.rectangle.overlaps(candidate) }) { return candidate }
            }
        }
        return nil
    }
}
