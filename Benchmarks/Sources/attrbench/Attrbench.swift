import ArgumentParser

/// The benchmark harness for attrd and its peers (docs/BENCHMARKS.md).
/// Each load subcommand prints one JSON result (see ``BenchResult``) on
/// stdout, or a table with `--table`; `scripts/bench.sh` runs them all.
@main
struct Attrbench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Closed-loop load generator and microbenchmarks for attrd and its peers.",
        subcommands: [
            UnaryCommand.self, StreamCommand.self, IngestCommand.self, IngestRowsCommand.self,
            IdleCommand.self, MicroCommand.self, TLSEchoServerCommand.self,
        ])
}
