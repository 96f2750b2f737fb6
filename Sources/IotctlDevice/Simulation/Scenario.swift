import IotctlDialect
import IotctlSchema

/// What each simulated device does, read from a scenario file (validated against
/// `scenario.schema.json`, see ``ScenarioCatalog``) or taken from the built-in ones.
public struct Scenario: Sendable {
  /// One telemetry stream: a kind of the dialect's telemetry, sent every `interval` seconds.
  public struct Stream: Sendable {
    public var kind: String?
    public var interval: Double
    /// The fraction by which each interval varies, either way.
    public var jitter: Double
    /// Seconds before the first message; nil spreads the fleet over one interval.
    public var offset: Double?
    public var qos: Int?
    /// Generated values by key, in the file's order.
    public var values: [(key: String, generator: ValueGenerator.Rounded)]
    /// Payloads replayed in turn, as they are (a capture from `sub --output jsonl`), parsed once when
    /// the scenario is read; nil for one that is not JSON, which the dialect's telemetry refuses.
    public var replay: [JSONValue?]
  }

  /// How a device answers one command name.
  public struct Answer: Sendable {
    public var result: JSONValue
    public var latency: ValueGenerator.Rounded?
    public var failureRate: Double
    public var failure: String
  }

  /// Firmware updates: what part of the fleet takes them and how many fail on purpose.
  public struct Firmware: Sendable {
    public var devices: Double
    public var failureRate: Double
    public var failure: String
    public var chunkSize: Int
  }

  /// Configuration acknowledgements: what part of the fleet sends them and how many reject on purpose.
  public struct Config: Sendable {
    public var devices: Double
    public var failureRate: Double
    public var failure: String
  }

  public struct Churn: Sendable {
    public var every: Double
    public var jitter: Double
    public var downtime: Double
    public var devices: Double
  }

  public var name: String
  public var description: String
  public var dialect: String?
  public var streams: [Stream]
  /// The fraction of the fleet that watches commands.
  public var commandDevices: Double
  /// Answers by command name; "*" answers any other. Empty: commands are not watched.
  public var answers: [String: Answer]
  public var churn: Churn?
  public var firmware: Firmware?
  public var config: Config?

  /// The answer for a command named `name`.
  public func answer(for name: String?) -> Answer? {
    name.flatMap { answers[$0] } ?? answers["*"]
  }
}

extension Scenario {
  /// Reads a checked scenario document. `base` is the directory that relative replay paths start from.
  ///
  /// - Throws: ``DeviceError`` of kind `.input` naming the document, the place in it and the fix.
  public init(_ document: JSONValue, source: String, base: String) throws(DeviceError) {
    guard let schema = ScenarioCatalog.schema else {
      throw DeviceError(.input, "the scenario schema built into iotctl does not compile; report this")
    }
    let problems = schema.validate(document)
    if let first = problems.first {
      let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
      throw DeviceError(.input, "scenario \(source): \(first)\(more); see 'iotctl simulate lint --help' for the format")
    }
    func fail(_ place: String, _ why: String) -> DeviceError {
      DeviceError(.input, "scenario \(source): \(place): \(why)")
    }
    name = document["name"]?.stringValue ?? "scenario"
    description = document["description"]?.stringValue ?? ""
    dialect = document["dialect"]?.stringValue
    streams = []
    for (position, item) in (document["telemetry"]?.arrayValue ?? []).enumerated() {
      let place = "/telemetry/\(position)"
      var values: [(String, ValueGenerator.Rounded)] = []
      for member in item["values"]?.objectValue?.members ?? [] {
        values.append((member.key, try Self.generator(member.value, place: "\(place)/values/\(member.key)", fail)))
      }
      var replay: [JSONValue?] = []
      if let path = item["replay"]?.stringValue {
        replay = try Self.capture(path.hasPrefix("/") ? path : "\(base)/\(path)", shown: path, place: "\(place)/replay", fail)
          .map { try? JSONParser.parse($0) }
      }
      let offset = item["offset"]?.numberValue?.doubleValue
      streams.append(
        Stream(
          kind: item["kind"]?.stringValue, interval: item["interval"]?.numberValue?.doubleValue ?? 10,
          jitter: item["jitter"]?.numberValue?.doubleValue ?? 0, offset: offset,
          qos: item["qos"]?.numberValue?.intValue, values: values, replay: replay))
    }
    let commands = document["commands"]
    commandDevices = commands?["devices"]?.numberValue?.doubleValue ?? 1
    answers = [:]
    for member in commands?["answers"]?.objectValue?.members ?? [] {
      let place = "/commands/answers/\(member.key)"
      let answer = member.value
      answers[member.key] = Answer(
        result: answer["result"] ?? .null,
        latency: try answer["latency"].map { value throws(DeviceError) in try Self.generator(value, place: "\(place)/latency", fail) },
        failureRate: answer["failureRate"]?.numberValue?.doubleValue ?? 0,
        failure: answer["failure"]?.stringValue ?? "failed by the scenario")
    }
    firmware = document["firmware"].map { firmware in
      Firmware(
        devices: firmware["devices"]?.numberValue?.doubleValue ?? 1,
        failureRate: firmware["failureRate"]?.numberValue?.doubleValue ?? 0,
        failure: firmware["failure"]?.stringValue ?? "failed by the scenario",
        chunkSize: firmware["chunkSize"]?.numberValue?.intValue ?? 16384)
    }
    config = document["config"].map { config in
      Config(
        devices: config["devices"]?.numberValue?.doubleValue ?? 1,
        failureRate: config["failureRate"]?.numberValue?.doubleValue ?? 0,
        failure: config["failure"]?.stringValue ?? "rejected by the scenario")
    }
    churn = document["churn"].map { churn in
      Churn(
        every: churn["every"]?.numberValue?.doubleValue ?? 600, jitter: churn["jitter"]?.numberValue?.doubleValue ?? 0,
        downtime: churn["downtime"]?.numberValue?.doubleValue ?? 5, devices: churn["devices"]?.numberValue?.doubleValue ?? 1)
    }
  }

  /// Checks what the schema cannot: that the dialect has the telemetry kinds and commands used.
  public func check(against profile: DialectProfile) throws(DeviceError) {
    if let dialect, dialect != profile.name {
      throw DeviceError(.usage, "scenario \(name) is written for dialect \(dialect), not \(profile.name); pass --dialect \(dialect) or another scenario")
    }
    let kinds = profile.telemetryShapes.map(\.name)
    for stream in streams {
      if kinds.isEmpty {
        throw DeviceError(.usage, "scenario \(name) sends telemetry, but dialect \(profile.name) defines none")
      }
      if let kind = stream.kind, !kinds.contains(kind) {
        throw DeviceError(.usage, "scenario \(name): dialect \(profile.name) has no telemetry kind '\(kind)'; it has: \(kinds.joined(separator: ", "))")
      }
    }
    if !answers.isEmpty && commandDevices > 0 && profile.commandVerb == nil {
      throw DeviceError(.usage, "scenario \(name) answers commands, but dialect \(profile.name) has none; remove \"commands\"")
    }
    if let config, config.devices > 0 {
      guard let verb = profile.configVerb, !verb.push.isEmpty, verb.ack?.operation != nil else {
        throw DeviceError(
          .usage, "scenario \(name) acknowledges configurations, but dialect \(profile.name) pushes none with an ack to send; remove \"config\"")
      }
    }
    if let firmware, firmware.devices > 0 {
      guard let chunks = profile.firmwareVerb?.chunks else {
        throw DeviceError(
          .usage,
          "scenario \(name) updates firmware, but dialect \(profile.name) serves none in MQTT chunks (simulated devices do not download URLs); remove \"firmware\"")
      }
      if let limit = profile.operation(chunks)?.maximumChunkSize, firmware.chunkSize > limit {
        throw DeviceError(.usage, "scenario \(name): firmware chunkSize \(firmware.chunkSize) is above \(profile.name)'s limit of \(limit) bytes; give at most \(limit)")
      }
    }
  }

  private static func generator(
    _ value: JSONValue, place: String, _ fail: (String, String) -> DeviceError
  ) throws(DeviceError) -> ValueGenerator.Rounded {
    func number(_ key: String) -> Double? { value[key]?.numberValue?.doubleValue }
    let places = value["round"]?.numberValue?.intValue
    let generator: ValueGenerator
    switch value["generator"]?.stringValue {
    case "constant":
      generator = .constant(value["value"] ?? .null)
    case "counter":
      generator = .counter(start: number("start") ?? 0, step: number("step") ?? 1)
    case "uniform":
      generator = .uniform(min: number("min") ?? 0, max: number("max") ?? 0)
    case "normal":
      generator = .normal(mean: number("mean") ?? 0, deviation: number("stddev") ?? 0, min: number("min"), max: number("max"))
    case "sine":
      generator = .sine(min: number("min") ?? 0, max: number("max") ?? 0, period: number("period") ?? 1, phase: number("phase"))
    case "walk":
      generator = .walk(start: number("start") ?? 0, step: number("step") ?? 0, min: number("min") ?? 0, max: number("max") ?? 0)
    case "choice":
      let values = value["values"]?.arrayValue ?? []
      let weights = (value["weights"]?.arrayValue ?? []).map { $0.numberValue?.doubleValue ?? 0 }
      if !weights.isEmpty && weights.count != values.count {
        throw fail(place, "\(weights.count) weights for \(values.count) values; give one weight per value")
      }
      if !weights.isEmpty && weights.reduce(0, +) <= 0 { throw fail(place, "the weights add up to 0; give one above 0") }
      generator = .choice(values: values, weights: weights)
    default:
      throw fail(place, "unknown generator")
    }
    if let lowest = number("min"), let highest = number("max"), lowest > highest {
      throw fail(place, "min \(lowest) is above max \(highest); swap them")
    }
    if case .walk(let start, _, let low, let high) = generator, start < low || start > high {
      throw fail(place, "start \(start) is outside min..max (\(low)..\(high))")
    }
    for (key, member) in [("value", value["value"]), ("start", value["start"])] {
      if let member, let number = member.numberValue, !number.doubleValue.isFinite {
        throw fail(place, "\(key) is too large a number")
      }
    }
    return ValueGenerator.Rounded(generator: generator, places: places)
  }

  /// The payloads of a capture: one `sub --output jsonl` record per line.
  private static func capture(
    _ path: String, shown: String, place: String, _ fail: (String, String) -> DeviceError
  ) throws(DeviceError) -> [[UInt8]] {
    let bytes: [UInt8]
    do { bytes = try FileContents.read(path, limit: FileContents.largestInput, regularOnly: true) } catch {
      throw fail(place, "cannot read capture '\(shown)': \(error.reason)")
    }
    var payloads: [[UInt8]] = []
    for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
      if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
      do {
        payloads.append(try MessageRecord.outgoing(fromJSONLine: Array(line), number: UInt64(number + 1), defaultTopic: "").payload)
      } catch {
        throw fail(place, "capture '\(shown)', \(error.message) (records as 'iotctl sub --output jsonl' writes them)")
      }
    }
    if payloads.isEmpty { throw fail(place, "capture '\(shown)' holds no records") }
    return payloads
  }
}

extension Scenario {
  /// Generates the first message of each stream for one device and checks it against the dialect's
  /// schema, as a run would: what lint does before a fleet starts.
  public func checkSamples(compiler: TopicCompiler) throws {
    try check(against: compiler.profile)
    var random = SeededRandom(seed: 1)
    for (position, stream) in streams.enumerated() {
      var sender = try TelemetrySender(compiler: compiler, kind: stream.kind, raw: !stream.replay.isEmpty)
      var value: JSONValue
      if let first = stream.replay.first {
        guard let parsed = first else {
          throw DeviceError(.input, "scenario \(name): /telemetry/\(position): the first replayed payload is not JSON")
        }
        value = parsed
      } else {
        var object = JSONObject()
        for (key, generator) in stream.values {
          var state = ValueGenerator.State()
          object[key] = generator.next(&state, time: 0, random: &random)
        }
        value = .object(object)
      }
      do {
        _ = try sender.message(value, time: .now)
      } catch let error as DeviceError {
        throw DeviceError(error.kind, "scenario \(name): /telemetry/\(position): \(error.message)")
      }
    }
  }
}
