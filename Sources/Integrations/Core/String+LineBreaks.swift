extension String {
    /// Whether the text holds a CR or LF anywhere (checked by scalar:
    /// "\r\n" is one Character, equal to neither "\r" nor "\n").
    var containsLineBreak: Bool {
        unicodeScalars.contains { $0 == "\r" || $0 == "\n" }
    }
}
