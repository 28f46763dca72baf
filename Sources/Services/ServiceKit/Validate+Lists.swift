/// Lists: a count limit, then each element checked under its indexed field
/// name (`emails[2]`), so the caller learns which one is wrong.
extension Validate {
    /// At most `maximum` elements ("has more than 20 addresses", `noun`
    /// naming the elements), each checked by `element` with its field name.
    public static func list<Element, Checked>(
        _ values: [Element], _ field: String, maximum: Int, noun: String = "elements",
        element: (Element, String) throws(FieldError) -> Checked
    ) throws(FieldError) -> [Checked] {
        guard values.count <= maximum else { throw FieldError(field, "has more than \(maximum) \(noun)") }
        var checked: [Checked] = []
        checked.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            checked.append(try element(value, "\(field)[\(index)]"))
        }
        return checked
    }

    /// At most `maximum` strings, each required and at most `length` characters (trimmed).
    public static func strings(
        _ values: [String], _ field: String, maximum: Int, length: Int, noun: String = "elements"
    ) throws(FieldError) -> [String] {
        try list(values, field, maximum: maximum, noun: noun) { value, name throws(FieldError) in
            try required(value, name, maximum: length)
        }
    }
}
