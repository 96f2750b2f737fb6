import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlSchema

extension Iotctl.Simulate {
  /// `iotctl simulate lint`: checks scenario files against their schema and, with a dialect, against it.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
      abstract: "Check scenario files (or built-in scenarios) before a run.",
      discussion: """
        Each scenario is checked against the scenario schema ('iotctl simulate lint --schema' prints \
        it): generators and their parameters, intervals, answers, churn. Replay captures are read. \
        With a dialect (from the scenario's "dialect", --dialect or the context), its telemetry kinds \
        and commands are checked, and one message per stream is generated and validated against the \
        dialect's schema, as a run would.

        Examples:
          iotctl simulate lint thermostat
          iotctl simulate lint --dialect kaa sensor
          iotctl simulate lint --schema > scenario.schema.json
        """)

    @Argument(help: "Scenario files or built-in names.", completion: .file(extensions: ["json"]))
    var scenarios: [String] = []

    @Flag(name: .customLong("schema"), help: "Print the scenario schema and exit.")
    var printSchema = false

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    func validate() throws {
      if scenarios.isEmpty && !printSchema { throw ValidationError("name a scenario file to check, or pass --schema") }
    }

    func run() throws {
      if printSchema {
        StandardOutput.print(ScenarioCatalog.schemaDocument.prettyText + "\n")
        return
      }
      for name in scenarios {
        let scenario = try ScenarioCatalog.load(name)
        if let profile = try lintProfile(for: scenario) {
          try scenario.checkSamples(compiler: TopicCompiler(bindings: try dialect.unwrapped.bindings(
            for: profile, fallback: Dictionary(uniqueKeysWithValues: profile.variables.map { ($0.name, "lint") }))))
          StandardOutput.print("\(name): valid (\(Self.contents(scenario)); checked against dialect \(profile.name))\n")
        } else {
          StandardOutput.print("\(name): valid (\(Self.contents(scenario)); no dialect to check against)\n")
        }
      }
    }

    /// "2 telemetry streams, 3 answers, firmware".
    private static func contents(_ scenario: Scenario) -> String {
      func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
      var parts = [counted(scenario.streams.count, "telemetry stream"), counted(scenario.answers.count, "answer")]
      if scenario.config != nil { parts.append("configuration acks") }
      if scenario.firmware != nil { parts.append("firmware") }
      if scenario.churn != nil { parts.append("churn") }
      return parts.joined(separator: ", ")
    }

    private func lintProfile(for scenario: Scenario) throws -> DialectProfile? {
      if dialect.unwrapped.isGiven { return try dialect.unwrapped.profile() }
      if let name = scenario.dialect { return try ProfileCatalog(environment: Environment.all).load(name) }
      return try? dialect.unwrapped.profile()
    }
  }
}
