import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// A fleet of simulated devices on one ``FleetLoop``: each connects with its own identity, sends the
/// scenario's telemetry through the dialect's ``TelemetrySender``, answers commands through its
/// ``CommandDecoder``, acknowledges configurations and takes firmware updates (``ChunkRequests``,
/// ``FirmwareReports``): the same code the device verbs run. It counts everything in ``FleetStats``.
public final class FleetSimulator: FleetObserver {
  /// One record for the stats stream: an interval record every `statsInterval`, and the summary.
  public typealias Reporter = (_ record: JSONValue, _ isSummary: Bool) -> Void

  public let scenario: Scenario
  public let settings: FleetSettings
  public let profile: DialectProfile
  public private(set) var total = FleetStats()
  private var window = FleetStats()
  private let loop: FleetLoop
  private var devices: [SimulatedDevice] = []
  var events = EventQueue()
  /// Answers waiting for their latency, by the token their event carries (the event names the device).
  private var delayedAnswers: [Int: (topic: String, payload: [UInt8], properties: MessageProperties, received: Double)] = [:]
  private var nextAnswerToken = 0
  private let start = Deadline.now
  private var problems: [String: Int] = [:]
  private var connected = 0
  private var peakConnected = 0
  /// When every device had its first CONNACK: the ramp's length.
  private var allConnectedAt: Double?
  /// The first refusal or failure before any device connected: a wrong broker or credentials end
  /// the run at once rather than retrying every device.
  private var firstFailure: MQTTError?
  private var everConnected = false

  /// Builds every device of this shard.
  ///
  /// - Parameters:
  ///   - bindings: device `n`'s variable bindings.
  ///   - options: device `n`'s connection (its client id and credentials).
  public init(
    scenario: Scenario, profile: DialectProfile, settings: FleetSettings, roster: FleetRoster,
    bindings: (Int, [String: String]) throws -> VariableBindings,
    options: (Int, DialectConnection, String?) throws -> ConnectOptions
  ) throws {
    self.scenario = scenario
    self.profile = profile
    self.settings = settings
    try scenario.check(against: profile)
    try FleetLoop.reserveDescriptors(settings.count(of: roster.size))
    loop = try FleetLoop()
    let templates = try scenario.streams.map { stream in
      // A template per stream compiles the schema once; each device shares it.
      try TelemetrySender(
        compiler: TopicCompiler(bindings: try bindings(settings.shard, try roster.identity(settings.shard).variables)),
        kind: stream.kind, raw: !stream.replay.isEmpty)
    }
    let watchers = scenario.answers.isEmpty ? 0 : scenario.commandDevices
    for number in settings.numbers(of: roster.size) {
      let identity = try roster.identity(number)
      let compiler = TopicCompiler(bindings: try bindings(number, identity.variables))
      let connectOptions = try options(number, try compiler.connection(), identity.clientID)
      let slot = try loop.add(connectOptions)
      var random = SeededRandom(seed: settings.seed &+ UInt64(number) &* 0x9E37_79B9)
      let decoder = Self.chosen(watchers, &random) ? Box(try CommandDecoder(compiler: compiler)) : nil
      let churns = scenario.churn.map { Self.chosen($0.devices, &random) } ?? false
      let updates = scenario.firmware.map { Self.chosen($0.devices, &random) } ?? false
      let configures = scenario.config.map { Self.chosen($0.devices, &random) } ?? false
      let rampJitter = random.unit()
      let device = SimulatedDevice(
        slot: slot, rampJitter: rampJitter, senders: templates.map { $0.rebound(to: compiler) },
        states: scenario.streams.map { Array(repeating: ValueGenerator.State(), count: $0.values.count) },
        decoder: decoder, random: random, churns: churns)
      if configures { device.config = try DeviceConfig(compiler: compiler) }
      if updates, let firmware = scenario.firmware { device.firmware = try DeviceFirmware(compiler: compiler, number: number, chunkSize: firmware.chunkSize) }
      devices.append(device)
    }
    loop.observer = self
  }

  private static func chosen(_ fraction: Double, _ random: inout SeededRandom) -> Bool {
    fraction >= 1 || (fraction > 0 && random.unit() < fraction)
  }

  var now: Double { Deadline.now.seconds(since: start) }

  /// The devices this process runs.
  public var count: Int { devices.count }

  /// The devices connected now.
  public var connectedCount: Int { connected }

  /// Runs the fleet until the duration ends or `stop()` says so (checked each turn of the loop), then
  /// waits for outstanding acknowledgements, disconnects, and reports the summary.
  ///
  /// - Throws: ``MQTTError`` when the broker refuses or cannot be reached before any device connected.
  public func run(report: Reporter, stop: () -> Bool) throws(MQTTError) {
    var nextStats = settings.statsInterval
    var ramped = 0
    let end = settings.duration
    while !stop() {
      let time = now
      if let end, time >= end { break }
      // The ramp: device i connects at (i + jitter)/rate, its jitter in [0, 1) from its own random
      // numbers; a few at a time, so that the CONNACKs of the earlier ones are read in between (else
      // they would wait and count as slow connects).
      var batch = 0
      while ramped < devices.count, batch < 32, (Double(ramped) + devices[ramped].rampJitter) / settings.connectRate <= time {
        connect(devices[ramped], at: time)
        ramped += 1
        batch += 1
      }
      if let firstFailure, !everConnected { throw firstFailure }
      runDueEvents(until: time)
      if time >= nextStats {
        report(record(type: "stats", stats: window, histograms: false), false)
        window = FleetStats()
        nextStats += settings.statsInterval
      }
      var wait = min(nextStats - time, 0.05)
      if let next = events.first?.time { wait = min(wait, max(0, next - time)) }
      if ramped < devices.count { wait = min(wait, 1 / max(settings.connectRate, 1)) }
      loop.run(for: wait)
    }
    finish()
    report(record(type: "summary", stats: total, histograms: true), true)
  }

  // MARK: Connections

  private func connect(_ device: SimulatedDevice, at time: Double) {
    device.connectStarted = time
    count(.connectAttempts)
    do {
      try loop.connect(device.slot)
      device.phase = .connecting
      device.connectAttempt += 1
      events.push(Event(time: time + loop.connectTimeout(device.slot), device: device.slot, kind: .connackDue, argument: device.connectAttempt))
    } catch {
      count(.connectFailures)
      note(error.description)
      if !everConnected && firstFailure == nil { firstFailure = error }
      scheduleReconnect(device, at: time)
    }
  }

  private func scheduleReconnect(_ device: SimulatedDevice, at time: Double) {
    device.phase = .down
    device.attempts += 1
    let delay = min(settings.reconnectCap, settings.reconnectBase * Double(1 << min(device.attempts - 1, 16)))
    events.push(Event(time: time + delay * (0.5 + device.random.unit()), device: device.slot, kind: .connect))
  }

  public func fleetClient(_ index: Int, connected code: Int) {
    let device = devices[index]
    let time = now
    guard code == 0 else {
      count(.connectFailures)
      let refusal = ConnectRefusal(code: code, isV5: loop.protocolVersion(index) == .v5)
      note("refused: \(refusal)")
      if !everConnected && firstFailure == nil { firstFailure = .refused(refusal) }
      scheduleReconnect(device, at: time)
      return
    }
    everConnected = true
    count(.connects)
    record(.connect, seconds: time - device.connectStarted)
    device.phase = .connected
    device.attempts = 0
    connected += 1
    peakConnected = max(peakConnected, connected)
    if connected == devices.count && allConnectedAt == nil { allConnectedAt = time }
    if let decoder = device.decoder?.value {
      do {
        try loop.subscribe(index, decoder.filters, qos: .atLeastOnce)
        if let (compiled, payload, qos) = try decoder.requestPayload() {
          publish(device, compiled, payload: payload, qos: qos)
        }
      } catch {
        note("subscribing to commands: \(error)")
      }
    }
    if let firmware = device.firmware {
      do { try loop.subscribe(index, firmware.filters, qos: .atLeastOnce) } catch { note("subscribing to firmware: \(error)") }
    }
    if let config = device.config {
      do {
        try loop.subscribe(index, config.filters, qos: .atLeastOnce)
        if let (exchange, payload) = try config.observeRequest() {
          publish(device, exchange.compiled, payload: payload, qos: exchange.qos)
        }
      } catch {
        note("asking for configurations: \(error)")
      }
    }
    if !device.scheduled {
      device.scheduled = true
      for (position, stream) in scenario.streams.enumerated() {
        let offset = stream.offset ?? device.random.unit() * stream.interval
        events.push(Event(time: time + offset, device: index, kind: .telemetry, argument: position))
      }
      if device.churns, let churn = scenario.churn {
        events.push(Event(time: time + jittered(churn.every, churn.jitter, &device.random), device: index, kind: .churn))
      }
    }
  }

  public func fleetClient(_ index: Int, lost reason: MQTTError) {
    let device = devices[index]
    if device.phase == .connected {
      connected -= 1
      count(.connectionsLost)
    } else {
      // Closed before its CONNACK: a failed connect.
      count(.connectFailures)
      if !everConnected && firstFailure == nil { firstFailure = reason }
    }
    note(reason.description)
    scheduleReconnect(device, at: now)
  }

  // MARK: Messages

  public func fleetClient(_ index: Int, completed mid: Int32, reason: Int) {
    let device = devices[index]
    guard let sent = device.pending.removeValue(forKey: mid) else { return }
    if reason >= 0x80 {
      count(.rejected)
      note("publish refused with reason \(reason)")
    } else {
      count(.acknowledged)
      record(.publishAck, seconds: now - sent)
    }
  }

  public func fleetClient(_ index: Int, received message: Message) {
    let device = devices[index]
    if device.firmware != nil && firmware(device, message) { return }
    if device.config != nil && configuration(device, message) { return }
    guard let box = device.decoder, let commands = box.value.commands(in: message) else { return }
    let time = now
    for command in commands {
      count(.commands)
      let answer = scenario.answer(for: command.name?.stringValue)
      guard let answer else { continue }
      let failing = answer.failureRate > 0 && device.random.unit() < answer.failureRate
      let outcome =
        failing
        ? CommandOutcome(success: false, message: answer.failure)
        : CommandOutcome(success: true, result: Self.fill(answer.result, from: command.command ?? .null))
      do {
        guard let (topic, payload, properties) = try box.value.answer(to: command, outcome) else { continue }
        if failing { count(.failedAnswers) }
        var state = ValueGenerator.State()
        let delay = answer.latency?.seconds(&state, random: &device.random) ?? 0
        if delay <= 0 {
          answerNow(device, topic: topic, payload: payload.jsonBytes, properties: properties, received: time)
        } else {
          nextAnswerToken += 1
          delayedAnswers[nextAnswerToken] = (topic, payload.jsonBytes, properties, time)
          events.push(Event(time: time + delay, device: index, kind: .answer, argument: nextAnswerToken))
        }
      } catch {
        note("answering \(command.name?.stringValue ?? "a command"): \(error)")
      }
    }
  }

  private func answerNow(_ device: SimulatedDevice, topic: String, payload: [UInt8], properties: MessageProperties, received: Double) {
    guard publish(device, topic: topic, payload: payload, qos: .atLeastOnce, properties: properties) else { return }
    count(.answers)
    record(.commandAnswer, seconds: now - received)
  }

  /// `result` with every string "{/pointer}" replaced by that part of the command.
  static func fill(_ result: JSONValue, from command: JSONValue) -> JSONValue {
    switch result {
    case .string(let text) where text.hasPrefix("{/") && text.hasSuffix("}"):
      let pointer = JSONPointer(String(text.dropFirst().dropLast()))
      return pointer?.resolve(in: command) ?? .null
    case .string(let text) where text == "{}":
      return command
    case .array(let items):
      return .array(items.map { fill($0, from: command) })
    case .object(let object):
      var filled = JSONObject()
      for member in object.members { filled[member.key] = fill(member.value, from: command) }
      return .object(filled)
    default:
      return result
    }
  }

  /// Publishes a compiled operation's message: its topic, with the dialect's user properties.
  func publish(_ device: SimulatedDevice, _ compiled: CompiledOperation, payload: [UInt8], qos: QoS) {
    publish(device, topic: compiled.topic, payload: payload, qos: qos, properties: MessageProperties(compiled))
  }

  @discardableResult
  func publish(
    _ device: SimulatedDevice, topic: String, payload: [UInt8], qos: QoS, properties: MessageProperties = MessageProperties()
  ) -> Bool {
    do {
      let mid = try loop.publish(device.slot, topic: topic, payload: payload, qos: qos, properties: properties)
      count(.sent)
      if qos != .atMostOnce { device.pending[mid] = now }
      return true
    } catch {
      count(.sendFailures)
      note(error.description)
      return false
    }
  }

  // MARK: Timed events

  private func runDueEvents(until time: Double) {
    var handled = 0
    // A bounded batch of messages, so that the sockets are served between batches.
    while handled < 1000, let event = events.first, event.time <= time {
      events.pop()
      handled += 1
      let device = devices[event.device]
      switch event.kind {
      case .connect:
        if device.phase == .down { connect(device, at: time) }
      case .connackDue:
        // A CONNACK that never came: the broker's accept queue overflowed, or it hung.
        guard device.phase == .connecting, device.connectAttempt == event.argument else { continue }
        count(.connectFailures)
        note("no CONNACK within \(loop.connectTimeout(device.slot)) s")
        loop.disconnect(device.slot)
        scheduleReconnect(device, at: time)
      case .telemetry:
        let stream = scenario.streams[event.argument]
        var due = event.time
        var sent = 0
        // A device behind its schedule (a stream faster than the loop can serve the fleet) catches up
        // in one burst, which leaves in as few segments as fit instead of one segment a message.
        repeat {
          if sent == 1 { loop.cork(device.slot) }
          sendTelemetry(device, stream: event.argument, at: time)
          sent += 1
          due += jittered(stream.interval, stream.jitter, &device.random)
        } while due <= time && sent < Self.burstLimit && device.phase == .connected
        if sent > 1 { loop.uncork(device.slot) }
        handled += sent - 1
        events.push(Event(time: due, device: event.device, kind: .telemetry, argument: event.argument))
      case .answer:
        guard let answer = delayedAnswers.removeValue(forKey: event.argument) else { continue }
        if device.phase == .connected {
          answerNow(device, topic: answer.topic, payload: answer.payload, properties: answer.properties, received: answer.received)
        } else {
          count(.sendFailures)
          note("an answer was due while its device was offline")
        }
      case .chunkDue:
        chunkDue(device, attempt: event.argument)
      case .churn:
        guard let churn = scenario.churn else { continue }
        // A device that leaves on purpose first waits for the acknowledgements it is owed.
        if device.phase == .connected && !device.pending.isEmpty {
          events.push(Event(time: time + 0.02, device: event.device, kind: .churn))
          continue
        }
        if device.phase == .connected {
          loop.disconnect(device.slot)
          connected -= 1
          count(.churned)
          device.phase = .down
          events.push(Event(time: time + churn.downtime, device: event.device, kind: .connect))
        }
        events.push(Event(time: time + churn.downtime + jittered(churn.every, churn.jitter, &device.random), device: event.device, kind: .churn))
      }
    }
  }

  /// The most messages of one stream a device that has fallen behind sends at once: below
  /// libmosquitto's in-flight window, so that a burst is written, not queued.
  static let burstLimit = 16

  private func jittered(_ interval: Double, _ jitter: Double, _ random: inout SeededRandom) -> Double {
    max(0.001, interval * (1 + jitter * (random.unit() * 2 - 1)))
  }

  private func sendTelemetry(_ device: SimulatedDevice, stream position: Int, at time: Double) {
    guard device.phase == .connected else {
      count(.offlineSkips)
      return
    }
    let stream = scenario.streams[position]
    let input: JSONValue
    if !stream.replay.isEmpty {
      let replayed = stream.replay[device.replayPosition % stream.replay.count]
      device.replayPosition += 1
      guard let value = replayed else {
        count(.invalidPayloads)
        note("a replayed payload is not JSON; the dialect's telemetry is")
        return
      }
      input = value
    } else {
      var object = JSONObject()
      for (index, (key, generator)) in stream.values.enumerated() {
        object[key] = generator.next(&device.states[position][index], time: time, random: &device.random)
      }
      input = .object(object)
    }
    do {
      let message = try device.senders[position].message(input, time: .now)
      let qos = settings.qos ?? stream.qos.flatMap { QoS(rawValue: Int32($0)) } ?? message.qos
      publish(device, message.compiled, payload: message.payload, qos: qos)
    } catch {
      count(.invalidPayloads)
      note("\(error)")
    }
  }

  // MARK: The end

  /// Waits up to `drain` seconds for outstanding acknowledgements, counts those still missing, and
  /// disconnects every device.
  private func finish() {
    let deadline = Deadline.after(seconds: settings.drain)
    while devices.contains(where: { !$0.pending.isEmpty && $0.phase == .connected }) && !deadline.hasPassed {
      loop.run(for: 0.05)
    }
    for device in devices {
      if !device.pending.isEmpty {
        count(.unacknowledged, device.pending.count)
        device.pending.removeAll()
      }
      if device.phase == .connected { loop.disconnect(device.slot) }
    }
    if !delayedAnswers.isEmpty {
      count(.sendFailures, delayedAnswers.count)
      note("\(delayedAnswers.count) answers were still waiting for their latency when the run ended")
    }
    connected = 0
  }

  // MARK: Counting

  func count(_ which: FleetStats.Count, _ amount: Int = 1) {
    total.add(which, amount)
    window.add(which, amount)
  }

  func record(_ latency: FleetStats.Latency, seconds: Double) {
    total.record(latency, seconds: seconds)
    window.record(latency, seconds: seconds)
  }

  /// Keeps the first 20 distinct problems, with how often each happened.
  func note(_ problem: String) {
    if problems[problem] != nil || problems.count < 20 { problems[problem, default: 0] += 1 }
  }

  private func record(type: String, stats: FleetStats, histograms: Bool) -> JSONValue {
    var object = JSONObject()
    object["type"] = .string(type)
    object["time"] = .string(Timestamp.iso8601(.now, fractionDigits: 3))
    object["elapsed_s"] = FleetStats.seconds(now)
    object["scenario"] = .string(scenario.name)
    object["dialect"] = .string(profile.name)
    object["shard"] = .string("\(settings.shard)/\(settings.shards)")
    object["devices"] = .number(JSONNumber(devices.count))
    object["connected"] = .number(JSONNumber(connected))
    object["peak_connected"] = .number(JSONNumber(peakConnected))
    if let allConnectedAt { object["all_connected_s"] = FleetStats.seconds(allConnectedAt) }
    for (key, value) in stats.members(histograms: histograms) { object[key] = value }
    if histograms && !problems.isEmpty { object["problems"] = FleetStats.listed(problems) }
    return .object(object)
  }
}
