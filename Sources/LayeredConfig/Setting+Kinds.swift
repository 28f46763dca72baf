extension Setting where Value == Int {
    /// A whole number within `range`.
    public static func integer(_ key: ConfigKey, default value: Int, in range: ClosedRange<Int>, help: String) -> Self {
        Setting(
            key, default: value, allowed: "\(range.lowerBound)–\(range.upperBound)", help: help,
            parse: ValueParsers.integer(in: range))
    }
}

extension Setting where Value == Double {
    /// A number within `range`.
    public static func decimal(_ key: ConfigKey, default value: Double, in range: ClosedRange<Double>, help: String) -> Self {
        Setting(
            key, default: value, defaultText: ValueParsers.format(value),
            allowed: "\(ValueParsers.format(range.lowerBound))–\(ValueParsers.format(range.upperBound))", help: help,
            parse: ValueParsers.decimal(in: range))
    }
}

extension Setting where Value == Bool {
    /// `true` or `false` (and their usual spellings).
    public static func boolean(_ key: ConfigKey, default value: Bool, help: String) -> Self {
        Setting(key, default: value, help: help, parse: ValueParsers.boolean)
    }
}

extension Setting {
    /// A setting that is off (nil) unless some layer sets it.
    public static func optional<Wrapped>(
        _ key: ConfigKey, none: String = "none", allowed: String? = nil, environmentOnly: Bool = false, help: String,
        parse: @escaping @Sendable (String) throws(InvalidValue) -> Wrapped
    ) -> Self where Value == Wrapped? {
        Setting(
            key, default: nil, documented: none, isValue: false, allowed: allowed, environmentOnly: environmentOnly,
            help: help, parse: { (text: String) throws(InvalidValue) -> Wrapped? in try parse(text) })
    }
}
