import Logging

extension Logger {
    /// A logger that drops everything: the harness reports results, not logs.
    static let quiet = Logger(label: "attrbench", factory: { _ in SwiftLogNoOpLogHandler() })
}
