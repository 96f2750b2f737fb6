import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// docs/examples.md against the seed documents and a real broker: every mosquitto example is listed, and
/// the mosquitto clients and the iotctl line beside them publish the same thing to the emulated platform.
@Suite struct ExamplesParityTests {
  static let document = try? ExamplesDocument.load()
  static let entries = document?.sections.flatMap(\.entries) ?? []

  /// The values the documents' shell variables get here. The Kaa token is a secret of the dialect, so dry
  /// runs print it masked.
  static let variables = [
    "APP_VERSION": "demo_application_v1", "ENDPOINT_TOKEN": "myToken", "ACCESS_TOKEN": "A1_TEST_TOKEN",
  ]

  /// `shared/seeds` in the nearest ancestor of this package that has it.
  static let seedDirectory: URL? = {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("shared/seeds")
      if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    return nil
  }()

  @Test func everySeedExampleIsListedVerbatim() throws {
    let document = try #require(Self.document, "docs/examples.md is missing")
    let seeds = try #require(Self.seedDirectory, "shared/seeds is not beside the checkout")
    let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }.sorted()
    var fromSeeds: [String: [String]] = [:]
    for file in files {
      let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
      let commands = ExamplesDocument.seedCommands(in: text)
      if !commands.isEmpty { fromSeeds[String(file.prefix(3)), default: []] += commands }
    }
    #expect(fromSeeds.values.map(\.count).reduce(0, +) == 66, "the seeds' mosquitto examples changed")
    for (seed, commands) in fromSeeds {
      let listed = document.sections.flatMap(\.entries).filter { $0.seed == seed }.flatMap(\.seedCommands)
      #expect(listed.sorted() == commands.sorted(), "seed \(seed): docs/examples.md and the seed list different commands")
    }
    for entry in document.sections.flatMap(\.entries) where entry.seed != nil {
      if let fixed = entry.fixedCommands {
        #expect(fixed.count == entry.seedCommands.count, "\(entry): one fixed command per seed command")
      }
    }
  }

  @Test(arguments: entries)
  func documentedAndIotctlLinesSendTheSame(_ entry: ExamplesDocument.Entry) throws {
    let document = try #require(Self.document)
    let section = try #require(document.sections.first { $0.name == entry.section })
    let stage = try Stage(section: section)
    defer { stage.close() }

    // What the documented commands publish, through the real mosquitto clients.
    var documented: Stage.Captured?
    for (index, command) in entry.runnable.enumerated() {
      if command.hasPrefix("mosquitto_sub") {
        let filter = try stage.subscriptionFilter(command)
        let dryRun = try stage.dryRun(entry.iotctl)
        let waitedOn = [dryRun["response_topic"], dryRun["error_topic"]].compactMap { $0?.stringValue }
          + (dryRun["subscribe"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(
          waitedOn.contains { Self.sameTopic($0, Self.masked(filter)) },
          "\(entry): mosquitto_sub -t \(filter) is not a topic '\(entry.iotctl)' waits on: \(waitedOn)")
        continue
      }
      let sent = try stage.capture(command)
      #expect(sent.status == 0, "\(entry): '\(command)' failed: \(sent.stderr)")
      let message = try #require(sent.messages.first, "\(entry): '\(command)' published nothing")
      if let earlier = documented {
        #expect(earlier.topic == message.topic && earlier.payload == message.payload, "\(entry): the documented commands disagree")
      }
      documented = message
      try checkSeedCommandNeedsItsFix(entry, index: index, fixed: message, stage: stage)
    }

    // The iotctl line: its dry run, then the real thing.
    let dryRun = try stage.dryRun(entry.iotctl)
    if let documented {
      let topic = try #require(dryRun["topic"]?.stringValue)
      #expect(Self.sameTopic(topic, Self.masked(documented.topic)), "\(entry): dry run topic \(topic), documented \(documented.topic)")
      let payload = Array((dryRun["payload"]?.stringValue ?? "").utf8)
      expect(payload, matches: documented.payload, entry.relation, "\(entry): dry-run payload")
    }
    if entry.runnable.allSatisfy({ $0.hasPrefix("mosquitto_sub") }) && !entry.runnable.isEmpty {
      try stage.checkWatch(entry)
      return
    }
    let live = try stage.capture(entry.iotctl)
    #expect(live.status == 0, "\(entry): '\(entry.iotctl)' exited \(live.status): \(live.stderr)")
    let request = try #require(live.messages.first, "\(entry): '\(entry.iotctl)' published nothing")
    if let documented {
      #expect(Self.sameTopic(request.topic, documented.topic), "\(entry): iotctl sent on \(request.topic), documented \(documented.topic)")
      expect(request.payload, matches: documented.payload, entry.relation, "\(entry): live payload")
    }
  }

  /// Where a seed command was fixed and can run safely (no `<placeholder>` the shell reads as a redirection),
  /// it must fail or send something else: the fix is needed.
  private func checkSeedCommandNeedsItsFix(
    _ entry: ExamplesDocument.Entry, index: Int, fixed: Stage.Captured, stage: Stage
  ) throws {
    guard entry.fixedCommands != nil, index < entry.seedCommands.count else { return }
    let original = entry.seedCommands[index]
    guard original != entry.runnable[index], !original.contains("<") else { return }
    let result = try stage.capture(original)
    let same = result.status == 0 && result.messages.first.map { $0.topic == fixed.topic && $0.payload == fixed.payload } == true
    #expect(!same, "\(entry): the seed's '\(original)' works as written; it needs no fix")
  }

  /// JSON payloads compare as values (the documents indent, iotctl does not); others byte for byte.
  private func expect(
    _ actual: [UInt8], matches documented: [UInt8], _ relation: ExamplesDocument.PayloadRelation, _ what: String
  ) {
    guard let value = try? JSONParser.parse(actual), let expected = try? JSONParser.parse(documented) else {
      #expect(relation == .same && actual == documented, "\(what) \(actual.count) bytes, documented \(documented.count) bytes")
      return
    }
    switch relation {
    case .same:
      #expect(value == expected, "\(what) \(value.jsonText), documented \(expected.jsonText)")
    case .batch:
      #expect(value == .array([expected]), "\(what) \(value.jsonText), documented \(expected.jsonText) as a batch of one")
    case .adds(let keys):
      var trimmed = value.objectValue ?? JSONObject()
      for key in keys {
        #expect(trimmed[key] != nil, "\(what) lacks \(key)")
        trimmed[key] = nil
      }
      #expect(JSONValue.object(trimmed) == expected, "\(what) \(value.jsonText), documented \(expected.jsonText) plus \(keys)")
    }
  }

  /// The Kaa token as a dry run prints it.
  static func masked(_ topic: String) -> String {
    topic.replacingOccurrences(of: variables["ENDPOINT_TOKEN"]!, with: "****")
  }

  /// Equal level by level, except that a request id (all digits) may differ: iotctl picks a fresh one.
  static func sameTopic(_ iotctl: String, _ documented: String) -> Bool {
    let left = iotctl.split(separator: "/", omittingEmptySubsequences: false)
    let right = documented.split(separator: "/", omittingEmptySubsequences: false)
    guard left.count == right.count else { return false }
    return zip(left, right).allSatisfy { a, b in
      a == b || (!a.isEmpty && !b.isEmpty && a.allSatisfy(\.isNumber) && b.allSatisfy(\.isNumber))
    }
  }
}

/// One entry's world: a broker, the emulated platform, a config with the section's contexts, mosquitto
/// clients that keep the documents' host names but reach the test broker, and a `mosquitto_sub '#'` that
/// records everything published.
final class Stage {
  struct Captured {
    var topic: String
    var payload: [UInt8]
    var payloadText: String { String(decoding: payload, as: UTF8.self) }
  }

  let broker: Broker
  let emulator: EmulatorProcess
  let recorder: Background
  let folder: URL
  let workingDirectory: URL
  let environment: [String: String]
  private var marks = 0

  init(section: ExamplesDocument.Section) throws {
    broker = try Broker()
    folder = try temporaryDirectory()
    let dialect = section.name == "Kaa" ? ["--dialect", "kaa", "--var", "app=demo_application_v1"] : ["--dialect", "thingsboard"]
    emulator = try EmulatorProcess(broker, dialect)
    let bin = folder.appendingPathComponent("bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    // Later -h/-p win in the mosquitto clients, so the documents' host names stay in the commands as written.
    // The wrappers are bash functions passed in the environment, not scripts: a script written here
    // can be held open by a child that a parallel test forks at that moment, and then fails to run
    // with "Text file busy".
    let redirect = "-h 127.0.0.1 -p \(broker.port)"
    var wrappers: [String: String] = [:]
    for (name, extra) in [("mosquitto_pub", ""), ("mosquitto_rr", " -W 10")] {
      let real = try #require(which(name), "\(name) is not installed")
      wrappers["BASH_FUNC_\(name)%%"] = "() { \(real) \"$@\" \(redirect)\(extra); }"
    }
    try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("iotctl").path, withDestinationPath: iotctlPath)
    let documentFolder = ExamplesDocument.url.deletingLastPathComponent().appendingPathComponent("examples")
    let sectionFolder = documentFolder.appendingPathComponent(section.name.lowercased())
    workingDirectory = FileManager.default.fileExists(atPath: sectionFolder.path) ? sectionFolder : documentFolder
    environment = ExamplesParityTests.variables.merging(wrappers) { $1 }.merging([
      "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
      "IOTCTL_CONFIG": folder.appendingPathComponent("config").path,
      "IOTCTL_BROKER": "mqtt://127.0.0.1:\(broker.port)",
    ]) { $1 }
    recorder = try Background(
      which("mosquitto_sub") ?? "mosquitto_sub", broker.address + ["-t", "#", "-F", "%t %x"])
    guard eventually(timeout: 10, { (try? self.mark(timeout: 0.5)) != nil }) else {
      throw TestSetupError(description: "the recorder did not subscribe: \(recorder.stderrSoFar)")
    }
    for command in section.setup {
      let result = try shell(command)
      guard result.status == 0 else { throw TestSetupError(description: "setup '\(command)' failed: \(result.stderr)") }
    }
  }

  func close() {
    recorder.terminate()
    _ = recorder.wait(timeout: 5)
    broker.stop()
    try? FileManager.default.removeItem(at: folder)
  }

  func shell(_ command: String, timeout: Double = 30) throws -> ProcessResult {
    try run("/bin/bash", ["-c", "cd '\(workingDirectory.path)' && \(command)"], environment: environment, timeout: timeout)
  }

  /// Runs `command` and returns what it published (replies from the emulator left out).
  func capture(_ command: String) throws -> (status: Int32, stderr: String, messages: [Captured]) {
    let before = recorded.count
    let result = try shell(command)
    let through = try mark()
    let messages = recorded[before..<through].filter { !$0.topic.hasPrefix("parity/") }
    return (result.status, result.stderr, Array(messages))
  }

  /// Publishes a marker and waits until the recorder has it: everything published before is recorded.
  /// Returns the marker's index.
  @discardableResult
  func mark(timeout: Double = 10) throws -> Int {
    marks += 1
    let topic = "parity/mark/\(marks)"
    _ = try broker.peerPublish(["-t", topic, "-n"])
    var index: Int?
    _ = eventually(timeout: timeout) {
      index = recorded.firstIndex { $0.topic == topic }
      return index != nil
    }
    guard let index else { throw TestSetupError(description: "marker \(topic) never arrived") }
    return index
  }

  var recorded: [Captured] {
    String(decoding: recorder.stdoutSoFar, as: UTF8.self).split(separator: "\n").map { line in
      let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
      return Captured(topic: String(parts[0]), payload: parts.count > 1 ? Self.bytes(hex: parts[1]) : [])
    }
  }

  static func bytes(hex: Substring) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
      bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    return bytes
  }

  /// The `-t` of a mosquitto_sub command, as the shell expands it.
  func subscriptionFilter(_ command: String) throws -> String {
    let result = try shell(
      #"mosquitto_sub() { while [ $# -gt 0 ]; do [ "$1" = -t ] && printf '%s' "$2"; shift; done; }; "# + command)
    return result.stdoutText
  }

  /// The iotctl line's dry run, as JSON.
  func dryRun(_ command: String) throws -> JSONValue {
    let result = try shell(command + " --dry-run --output jsonl")
    guard result.status == 0, let value = try? JSONParser.parse(result.stdoutText) else {
      throw TestSetupError(description: "'\(command) --dry-run' failed (\(result.status)): \(result.stderr)\(result.stdoutText)")
    }
    return value
  }

  /// A watching iotctl line prints the current value, then an update published as the platform would.
  func checkWatch(_ entry: ExamplesDocument.Entry) throws {
    let watcher = try Background("/bin/bash", ["-c", "cd '\(workingDirectory.path)' && exec \(entry.iotctl) -C 2 -W 20"], environment: environment)
    defer { watcher.terminate() }
    let first = eventually(timeout: 15) { !watcher.stdoutSoFar.isEmpty }
    #expect(first, "\(entry): no first answer: \(watcher.stderrSoFar)")
    let update = #"{"shared1":"on"}"#
    _ = try broker.peerPublish(["-t", try subscriptionFilter(entry.runnable[0]), "-m", update])
    let result = watcher.wait(timeout: 20)
    #expect(result.status == 0, "\(entry): exited \(result.status): \(result.stderr)")
    #expect(result.stdoutLines.last == update, "\(entry): the update was not printed: \(result.stdoutText)")
  }
}
