import Logging

extension PostgresListener {
    /// The listener's log lines about its connection, rate-limited by
    /// ``RepeatedFailureWarnings`` on `clock` (tests pass a manual one).
    struct ConnectionLog<C: Clock> where C.Duration == Duration {
        let logger: Logger
        let clock: C
        var warnings: RepeatedFailureWarnings<C.Instant>

        init(logger: Logger, clock: C, interval: Duration) {
            self.logger = logger
            self.clock = clock
            self.warnings = RepeatedFailureWarnings(interval: interval)
        }

        /// Connecting or listening failed (the listener retries every second).
        mutating func failed(_ error: any Error) {
            let metadata: Logger.Metadata = ["postgres_error": "\(error)"]
            switch warnings.failed(at: clock.now) {
            case .first:
                logger.warning("PostgreSQL listener lost its connection; reconnecting", metadata: metadata)
            case .stillFailing(let suppressed):
                logger.warning(
                    "PostgreSQL listener still cannot connect; retrying every second",
                    metadata: metadata.merging(["postgres_failures_unlogged": "\(suppressed)"]) { $1 })
            case .recovered, nil:
                break
            }
        }

        /// LISTEN is in place (again).
        mutating func listening() {
            guard case .recovered(let failures) = warnings.succeeded() else { return }
            logger.info("PostgreSQL listener reconnected", metadata: ["postgres_failures": "\(failures)"])
        }
    }

    /// How often a listener that cannot reconnect says so again.
    static let warningInterval = Duration.seconds(60)
}
