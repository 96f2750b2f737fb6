import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl.Simulate {
  /// `iotctl simulate run`: the fleet itself.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Connect a fleet of simulated devices and run a scenario on each.",
      discussion: """
        Every device has its own connection and identity: --var values and --id-template are \
        templates over the device number n ({n}, or {n:05} for five digits with zeros), or \
        --devices-file gives one row per device (CSV with a header of variable names and client_id, \
        or JSONL objects). Devices connect at --connect-rate per second with jitter and reconnect \
        with exponential backoff. The scenario (--scenario: a built-in name or a file, see \
        --list-scenarios and 'iotctl simulate lint') says what each device sends and answers.

        Payloads are made by the dialect's telemetry shapes and validated against its schemas, \
        commands are decoded and answered as 'iotctl cmd watch' does. On a terminal a status line \
        shows connections, messages and errors. --stats writes a JSONL record every \
        --stats-interval and a summary with HDR histograms (publish to PUBACK, command to answer, \
        connect to CONNACK) that 'iotctl simulate report' merges across shards. --shard K/N runs \
        devices n with n mod N = K, so that N processes share a fleet.

        ThingsBoard's device topics name no device ("me"): the platform routes by the connection's \
        token. On a plain broker every device subscribed to RPC receives every RPC; use the \
        scenario's "commands": {"devices": FRACTION} to choose how many answer.

        Examples:
          iotctl simulate --dialect thingsboard --scenario thermostat \\
            --devices 1000 --var token='tok-{n:04}' -h tb.example.com --duration 10s
          iotctl simulate --dialect kaa --scenario kaa-endpoint --devices 200 \\
            --var app=v1 --var token='ep-{n}' -L mqtt://localhost:1883 \\
            --duration 5s --stats stats.jsonl
          iotctl simulate --list-scenarios
        """)

    @Option(name: .customLong("devices"), help: "How many devices the fleet has (across all shards).")
    var devices = 1

    @Option(name: .customLong("scenario"), help: "A built-in scenario or a scenario file (default: sensor).", completion: .file(extensions: ["json"]))
    var scenario = "sensor"

    @Flag(name: .customLong("list-scenarios"), help: "List the built-in scenarios and exit.")
    var listScenarios = false

    @Option(name: .customLong("id-template"), help: ArgumentHelp("Each device's client id, over {n}.", valueName: "template"))
    var idTemplate: String?

    @Option(name: .customLong("devices-file"), help: "A CSV or JSONL file of per-device variables, one device per row.", completion: .file())
    var devicesFile: String?

    @Option(name: .customLong("connect-rate"), help: ArgumentHelp("New connections per second while ramping up.", valueName: "per-second"))
    var connectRate = 500.0

    @Option(name: .customLong("duration"), help: ArgumentHelp("Run this long (500ms, 30s, 5m, 1h; default: until Ctrl-C).", valueName: "duration"), transform: DurationArgument.seconds)
    var duration: Double?

    @Option(name: .customLong("stats"), help: ArgumentHelp("Write JSONL stats here ('-': stdout).", valueName: "file"), completion: .file())
    var stats: String?

    @Option(name: .customLong("stats-interval"), help: ArgumentHelp("Seconds between stats records.", valueName: "duration"), transform: DurationArgument.seconds)
    var statsInterval: Double = 10

    @Option(name: .customLong("max-error-rate"), help: ArgumentHelp("Exit 14 when errors pass this fraction of attempts (0.01 = 1%).", valueName: "fraction"))
    var maxErrorRate: Double?

    @Option(name: .customLong("shard"), help: ArgumentHelp("Run shard K of N: the devices n with n mod N = K.", valueName: "K/N"))
    var shard: String?

    @Option(name: .customLong("seed"), help: "Seeds the devices' random values, so that runs repeat.")
    var seed: UInt64 = 1

    @Option(name: .short, help: "The QoS of telemetry (default: the dialect's).")
    var qos: Int32?

    @Option(name: .customLong("drain"), help: ArgumentHelp("At the end, wait this long for outstanding acknowledgements.", valueName: "duration"), transform: DurationArgument.seconds)
    var drain: Double = 5

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws {
      guard devices >= 1 && devices <= 1_000_000 else { throw ValidationError("--devices takes 1 to 1000000, not \(devices)") }
      guard connectRate.isFinite && connectRate > 0 && connectRate <= 1_000_000 else {
        throw ValidationError("--connect-rate takes a number of connections per second above 0, not \(connectRate)")
      }
      if let maxErrorRate, !(0...1).contains(maxErrorRate) {
        throw ValidationError("--max-error-rate takes a fraction from 0 to 1 (0.01 = 1%), not \(maxErrorRate)")
      }
      if statsInterval < 0.1 { throw ValidationError("--stats-interval is at least 100ms") }
      if let qos, !(0...2).contains(qos) { throw ValidationError("-q takes 0, 1 or 2") }
      _ = try shardNumbers()
      if devices > 1 && connection.clientID != nil {
        throw ValidationError("-i gives every device the same client id, and the broker would keep only one; use --id-template 'dev-{n}'")
      }
    }

    private func shardNumbers() throws -> (Int, Int) {
      guard let shard else { return (0, 1) }
      let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 0, k < n else {
        throw ValidationError("--shard takes K/N with 0 <= K < N, such as 0/4, not '\(shard)'")
      }
      return (k, n)
    }

    func run() throws {
      diagnostics.unwrapped.apply()
      if listScenarios {
        var table = TextTable()
        table.add(["SCENARIO", "DIALECT", "DESCRIPTION"])
        for (name, document) in ScenarioCatalog.builtIn {
          table.add([name, document["dialect"]?.stringValue ?? "any", document["description"]?.stringValue ?? ""])
        }
        StandardOutput.print(table.rendered)
        return
      }
      let scenario = try ScenarioCatalog.load(self.scenario)
      let profile = try dialect.unwrapped.profile()
      let sources = try dialect.unwrapped.variableSources(for: profile)
      let rows = try devicesFile.map { path throws in try FleetRoster.rows(file: path) } ?? []
      if let devicesFile, rows.count < devices {
        throw CLIError.input("devices file '\(devicesFile)' has \(rows.count) rows for \(devices) devices; give --devices \(rows.count) or more rows")
      }
      var templates: [String: String] = [:]
      for pair in dialect.variables {
        let (name, value) = NameValue.split(pair)
        templates[name] = value
      }
      let roster = FleetRoster(size: devices, templates: templates, clientIDTemplate: idTemplate, rows: rows)
      var settings = FleetSettings()
      (settings.shard, settings.shards) = try shardNumbers()
      settings.connectRate = connectRate
      settings.duration = duration
      settings.statsInterval = statsInterval
      settings.seed = seed
      settings.qos = qos.flatMap(QoS.init(rawValue:))
      settings.drain = drain

      // The broker, TLS and flag credentials once; each device's own credentials from its bindings.
      let first = try Self.bind(sources, settings.shard, try roster.identity(settings.shard).variables)
      Diagnostics.registerSecrets(first.secretValues)
      let firstCompiler = TopicCompiler(bindings: first)
      // A payload the dialect refuses would fail on every device: say so before connecting any.
      try scenario.checkSamples(compiler: firstCompiler)
      var shared = try firstCompiler.connection()
      (shared.username, shared.password, shared.clientID) = (nil, nil, nil)
      var (base, _) = try connection.unwrapped.resolve(dialect: shared)
      base.answerAtOnce()
      if let ask = base.askPassword {
        base.password = try ask()
        base.askPassword = nil
      }
      let single = devices == 1
      let simulator = try FleetSimulator(
        scenario: scenario, profile: profile, settings: settings, roster: roster,
        bindings: { number, own in try Self.bind(sources, number, own) },
        options: { number, dialectConnection, clientID in
          var options = base
          options.clientID = clientID ?? dialectConnection.clientID ?? (single ? base.clientID : nil) ?? "iotctl-sim-\(number)"
          options.username = base.username ?? dialectConnection.username
          if base.password == nil { options.password = dialectConnection.password }
          return options
        })
      try run(simulator)
    }

    /// Device `number`'s bindings; an error names the device.
    private static func bind(_ sources: VariableSources, _ number: Int, _ own: [String: String]) throws(CoreError) -> VariableBindings {
      do { return try sources.bind(own) } catch { throw CoreError(error.kind, "device \(number): \(error.message)") }
    }

    private func run(_ simulator: FleetSimulator) throws {
      let statsOutput = try stats.map { path throws in try StatsFile(path) }
      let status = StatusLine(enabled: isatty(2) == 1 && !Diagnostics.quiet)
      Interruption.watchLoop()
      defer { Interruption.endLoop() }
      var summary: JSONValue = .null
      do {
        try simulator.run(
          report: { record, isSummary in
            statsOutput?.write(record)
            if isSummary { summary = record }
          },
          stop: {
            status.draw(simulator)
            return Interruption.signal != 0
          })
      } catch {
        // The broker refused or could not be reached before any device connected: no stats to keep.
        status.clear()
        statsOutput?.remove()
        throw error
      }
      status.clear()
      statsOutput?.close()
      let text = SimulationSummary.text(summary)
      if stats == "-" { Diagnostics.write(text) } else { StandardOutput.print(text) }
      if Interruption.signal != 0 { throw ExitStatus(signal: Interruption.signal) }
      if let maxErrorRate, simulator.total.errorRate > maxErrorRate {
        throw CLIError(
          .thresholdExceeded,
          "error rate \(SimulationSummary.percent(simulator.total.errorRate)) is above --max-error-rate \(SimulationSummary.percent(maxErrorRate)); the summary lists the problems")
      }
    }
  }
}
