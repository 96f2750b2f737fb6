import ArgumentParser

extension Iotctl {
  /// `iotctl simulate`: a fleet of devices that speak a dialect, from one process.
  struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "simulate",
      abstract: "Run a fleet of simulated devices that speak a platform's dialect.",
      discussion: """
        'iotctl simulate run' connects N devices from one process, on one event loop, and runs a \
        scenario on each: telemetry from value generators, answers to the dialect's commands, \
        connection churn. 'simulate lint' checks scenario files; 'simulate report' merges the stats \
        of several shards. See docs/simulate.md.
        """,
      subcommands: [Run.self, Lint.self, Report.self],
      defaultSubcommand: Run.self)
  }
}
