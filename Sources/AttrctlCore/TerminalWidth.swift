public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many columns a table may take: the COLUMNS environment variable when
/// it holds a positive number, else the width of the terminal standard
/// output goes to, else (output to a file or a pipe) `fallback`.
public enum TerminalWidth {
    public static let fallback = 100

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        resolve(columns: environment["COLUMNS"], terminal: terminalColumns())
    }

    /// COLUMNS, else the terminal's width, else `fallback`.
    static func resolve(columns: String?, terminal: Int?) -> Int {
        if let columns, let value = Int(columns.trimmingCharacters(in: .whitespaces)), value > 0 { return value }
        return terminal ?? fallback
    }

    /// The width of the terminal on standard output (TIOCGWINSZ); nil when it is not a terminal.
    static func terminalColumns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
