extension String {
    /// The string without the white space at either end: Unicode's space
    /// separators, tab and zero-width space (Foundation's `.whitespaces`), and with `newlines`
    /// also line breaks (`.whitespacesAndNewlines`). Pure Swift: ingest trims
    /// every field of every event, and Foundation's `trimmingCharacters(in:)`
    /// goes through NSString.
    public func trimmingSpaces(newlines: Bool = false) -> String {
        let scalars = unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09, 0x200B: return true  // Foundation counts ZERO WIDTH SPACE too
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return newlines
            case 0..<0x80: return false
            default: return scalar.properties.generalCategory == .spaceSeparator
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(Substring(scalars[first...last]))
    }
}
