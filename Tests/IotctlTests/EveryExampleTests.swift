import Foundation
import Glibc
import IotctlSchema
import IotctlTestSupport
import Testing

/// Every example in `--help` (and so in the man pages, made from the same text), the README and `docs/`
/// runs as printed, with bash, against a local broker, the platform emulators and a paho responder.
/// Broker addresses are pointed at the local broker; an example that cannot run here is listed in
/// ``cannotRun`` with the reason. docs/examples.md is run by ``ExamplesParityTests``.
@Suite(.serialized) struct EveryExampleTests {
  struct Example: CustomStringConvertible {
    var source: String
    var command: String
    var description: String { "\(source): \(command)" }
  }

  enum Treatment: Equatable {
    /// Runs to completion and exits 0.
    case runs
    /// Runs until interrupted (a watcher): SIGINT after a while must end it with 130 and no error.
    case watches
    case cannotRun(String)
  }

  /// Examples that cannot run here, by a phrase they contain, and why.
  static let cannotRun: [(phrase: String, reason: String)] = [
    ("mqtts://broker.example.com", "TLS to a public broker, with the OS trust store"),
    ("--image-cafile corp-ca.pem", "a fw_url package on the platform's HTTPS server"),
    ("iotctl fw fetch --dialect kaa", "Kaa's OTA points at an HTTP download the emulator does not serve"),
    ("scripts/", "sets up the machine or builds a release; CI runs setup, PackageTests runs package"),
    ("swift build", "builds iotctl; CI does"),
    ("install -m", "installs into system folders"),
    ("sudo apt install", "installs into the system; PackageTests unpacks the package into a scratch root"),
    ("bench/", "a benchmark, not an example"),
    ("export TB_ACCESS_TOKEN=...", "a placeholder for the user's token; the tests set it"),
  ]

  /// Examples that watch until interrupted, by a phrase they contain.
  static let watchers = [
    "iotctl sub -t 'sensors/#' -v", "iotctl sub -t 'site/#'", "--watch", "iotctl cmd watch --dialect thingsboard",
    "iotctl cmd watch --dialect xyte", "iotctl cmd watch --dialect kaa", "iotctl emulate", "--from-records -",
  ]

  static func treatment(of command: String) -> Treatment {
    if let entry = cannotRun.first(where: { command.contains($0.phrase) }) { return .cannotRun(entry.reason) }
    return watchers.contains { command.contains($0) } ? .watches : .runs
  }

  // MARK: Collecting the examples

  /// The indented lines after "Examples:" in every command's discussion, continuation lines joined.
  static func helpExamples() throws -> [Example] {
    let dump = try iotctl(["--experimental-dump-help"])
    let root = try JSONParser.parse(dump.stdoutText)
    var examples: [Example] = []
    func walk(_ command: JSONValue, _ path: String) {
      let lines = (command["discussion"]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: false)
      var inExamples = false
      var block: [String] = []
      for line in lines {
        if line.hasPrefix("Example") {
          inExamples = true
        } else if inExamples && line.hasPrefix("  ") {
          block.append(String(line.dropFirst(2)))
        } else {
          inExamples = false
        }
      }
      examples += joined(block).map { Example(source: "\(path) --help", command: $0) }
      for sub in command["subcommands"]?.arrayValue ?? [] {
        walk(sub, path + " " + (sub["commandName"]?.stringValue ?? ""))
      }
    }
    walk(try #require(root["command"]), "iotctl")
    return examples
  }

  /// The lines of every ```sh block in a Markdown file, continuation lines joined.
  static func markdownExamples(_ relativePath: String) throws -> [Example] {
    let text = try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
    var examples: [Example] = []
    var block: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line == "```sh" {
        block = []
      } else if line.hasPrefix("```"), let lines = block {
        examples += joined(lines).map { Example(source: relativePath, command: $0) }
        block = nil
      } else if block != nil {
        block!.append(line)
      }
    }
    return examples
  }

  static func joined(_ lines: [String]) -> [String] {
    var commands: [String] = []
    var pending = ""
    for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      if line.hasSuffix("\\") {
        pending += line.dropLast() + " "
      } else {
        commands.append(pending + line)
        pending = ""
      }
    }
    return commands
  }

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  // MARK: Running them

  @Test func everyExampleRunsAsPrinted() throws {
    let sources = [
      try Self.helpExamples(), try Self.markdownExamples("README.md"), try Self.markdownExamples("docs/contexts.md"),
      try Self.markdownExamples("docs/profiles.md"), try Self.markdownExamples("docs/simulate.md"),
    ]
    #expect(sources.joined().count > 60, "\(sources.joined().count) examples found")
    let stage = try Stage()
    var ran = 0
    for (index, example) in sources.joined().enumerated() {
      // Each document starts from the same contexts, as a reader following it would.
      if sources.dropLast().reduce(into: [0], { $0.append($0.last! + $1.count) }).contains(index) { try stage.resetContexts() }
      let command = stage.localised(example.command)
      switch Self.treatment(of: example.command) {
      case .cannotRun(let reason):
        #expect(!reason.isEmpty)
      case .runs:
        let result = try run("/bin/bash", ["-c", command], environment: stage.environment(for: command), timeout: 30, in: stage.directory)
        #expect(result.status == 0, "\(example)\n\(result.stderr)\n\(stage.emulatorErrors)")
        ran += 1
      case .watches:
        let process = try Background(
          "/bin/bash", ["-c", "cd \(stage.directory.path) && " + command], environment: stage.environment(for: command),
          ownGroup: true)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "\(example) ended early: \(process.stderrSoFar)")
        // Ctrl-C: one signal to the whole pipeline at once.
        process.signalGroup(SIGINT)
        let result = process.wait(timeout: 10)
        #expect(result.status == 130, "\(example)\n\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(example)\n\(result.stderr)")
        ran += 1
      }
    }
    #expect(ran > 50)
  }

  /// `bash -c COMMAND` in `directory`.
  func run(_ bash: String, _ arguments: [String], environment: [String: String], timeout: Double, in directory: URL) throws
    -> ProcessResult
  {
    try IotctlTestSupport.run(
      bash, [arguments[0], "cd \(directory.path) && " + arguments[1]], environment: environment, timeout: timeout)
  }

  /// A broker with the emulators, another with paho responders for raw requests, and a folder holding the
  /// files the examples name. Raw verbs run on the second broker: the emulators log every message, and
  /// `seq 100000 | iotctl pub -l` would keep them busy for the examples after it.
  final class Stage {
    let broker: Broker
    let rawBroker: Broker
    let directory: URL
    var environment: [String: String]
    var keep: [AnyObject] = []

    init() throws {
      broker = try Broker(config: Broker.unboundedQueues)
      rawBroker = try Broker(config: Broker.unboundedQueues)
      directory = try temporaryDirectory()
      let address = "mqtt://127.0.0.1:\(broker.port)"
      let binDirectory = URL(fileURLWithPath: iotctlPath).deletingLastPathComponent().path
      environment = [
        "PATH": "\(directory.path):\(binDirectory):" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        "IOTCTL_BROKER": address, "IOTCTL_CONFIG": directory.appendingPathComponent("config.json").path,
        "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg").path, "T": "tok-1", "TB_TOKEN": "tok-1", "TB_ACCESS_TOKEN": "tok-1", "K": "JTjdbENzHh", "ID": "dev-1",
      ]
      try files()
      let firmware = directory.appendingPathComponent("fw.bin").path
      keep.append(
        try EmulatorProcess(
          broker,
          ["--dialect", "thingsboard", "--fw-file", firmware, "--fw-version", "2.1.0", "--rpc-reply", "getTime={\"time\":1}"]))
      keep.append(try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=demo_v1"]))
      keep.append(try EmulatorProcess(broker, ["--dialect", "xyte"]))
      keep.append(try EmulatorProcess(broker, ["--dialect", "edgeiq"]))
      for topic in ["rpc/request", "rpc/req"] { keep.append(try responder(topic)) }
      try rawBroker.peerPublish(["-t", "config/device-1", "-m", "{}", "-r"])
      try rawBroker.peerPublish(["-t", "config/dev-1", "-m", "{}", "-r"])
    }

    /// The environment for `command`: raw pub, sub and rr go to the broker without emulators.
    func environment(for command: String) -> [String: String] {
      let raw = ["iotctl pub ", "iotctl sub ", "iotctl rr "].contains { command.contains($0) } && !command.contains("--dialect")
      guard raw else { return environment }
      return environment.merging(["IOTCTL_BROKER": "mqtt://127.0.0.1:\(rawBroker.port)"]) { $1 }
    }

    /// Only the contexts tb-lab and kaa-lab, on the local broker, and none current.
    func resetContexts() throws {
      try? FileManager.default.removeItem(at: directory.appendingPathComponent("config.json"))
      let address = "mqtt://127.0.0.1:\(broker.port)"
      for (name, dialect, variables) in [("tb-lab", "thingsboard", ["token=tok-1"]), ("kaa-lab", "kaa", ["app=demo_v1", "token=JTjdbENzHh"])] {
        let made = try iotctl(
          ["context", "set", name, "--dialect", dialect, "--broker", address] + variables.flatMap { ["--var", $0] },
          environment: environment)
        try #require(made.status == 0, "\(made.stderr)")
      }
    }

    /// What the emulators wrote on stderr, for a failure's message.
    var emulatorErrors: String {
      keep.compactMap { ($0 as? EmulatorProcess)?.process.stderrSoFar }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The example with its broker addresses pointed at the local broker.
    func localised(_ command: String) -> String {
      let local = "127.0.0.1:\(broker.port)"
      return command.replacingOccurrences(of: "mqtt://broker:1883", with: "mqtt://127.0.0.1:\(rawBroker.port)")
        .replacingOccurrences(of: "mqtt://localhost:1883", with: "mqtt://\(local)")
        .replacingOccurrences(of: "-h tb.example.com", with: "-h 127.0.0.1 -p \(broker.port)")
    }

    private func responder(_ topic: String) throws -> Background {
      let python = try #require(which("python3"))
      let process = try Background(python, [RRTests.responderScript, String(rawBroker.port), topic])
      try #require(eventually(timeout: 15) { !process.stdoutSoFar.isEmpty }, "\(process.stderrSoFar)")
      return process
    }

    private func files() throws {
      let contents: [String: String] = [
        "reading.json": #"{"t": 21.5}"#,
        "key.txt": "access-key-1",
        "capture.jsonl": #"{"topic":"site/1","payload":"{\"t\":1}"}"#,
        "reading.schema.json": #"{"type": "object"}"#,
        "s.json": #"{"type": "object"}"#,
        "batch.jsonl": "{\"t\": 1}\n{\"t\": 2}",
        "provision-request.json": #"{"deviceName":"dev-7","provisionDeviceKey":"k","provisionDeviceSecret":"s"}"#,
        "fw.bin": String(repeating: "firmware ", count: 1000),
        "my-platform.json": Self.userProfile,
      ]
      for (name, text) in contents {
        try (text + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
      }
      let dialects = directory.appendingPathComponent("xdg/iotctl/dialects")
      try FileManager.default.createDirectory(at: dialects, withIntermediateDirectories: true)
      try Self.userProfile.write(to: dialects.appendingPathComponent("my-platform.json"), atomically: true, encoding: .utf8)
      let scripts = [
        "sensor-reader": "#!/bin/sh\nprintf '{\"t\": 21}\\n{\"t\": 22}\\n'\n",
        "handle-rpc.sh": "#!/bin/sh\necho '{\"ok\": true}'\n",
        "install.sh": "#!/bin/sh\nexit 0\n",
      ]
      for (name, text) in scripts {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
      }
    }

    /// A user dialect with one operation, for docs/profiles.md.
    static let userProfile = """
      {"profile": 1, "name": "my-platform", "title": "A platform of the reader's own",
       "defaults": {"host": "mqtt.example.com", "port": 1883},
       "variables": {"device": {"description": "device id", "required": true}},
       "operations": {"telemetry": {"summary": "Send a reading", "direction": "up", "pattern": "publish",
         "topic": "devices/{device}/telemetry", "payload": "json", "confidence": "confirmed"}}}
      """
  }
}
