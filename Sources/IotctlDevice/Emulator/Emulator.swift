import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// The cloud side of a dialect on a real broker: it receives what devices send, checks it against the
/// operation's schema, answers the way the platform does (by the behaviour each operation names), and
/// pushes messages on request. Every message it receives becomes one JSON record.
///
/// Use it from one thread: ``start()``, then ``handle(_:)`` for each message and ``push(_:payload:variables:)``
/// for each push.
public final class Emulator {
  public let profile: DialectProfile
  private var compiler: TopicCompiler
  private let settings: EmulatorSettings
  private let session: Session
  private var state: EmulatorState
  private let emit: (JSONValue) -> Void
  /// What the emulator listens for: each up operation's message and each down operation's reply.
  private let listeners: [(operation: Operation, part: String, spec: MessageSpec, template: TopicTemplate)]
  /// Each listener's payload check, compiled once.
  private let checks: [PayloadCheck?]
  /// Under MQTT 3.1.1, which has no no-local subscriptions, the broker sends the emulator's own publishes
  /// back: each is counted here and its echo skipped.
  private var echoes: [[UInt8]: Int] = [:]
  private var hearsItself: Bool { session.options.protocolVersion != .v5 }

  /// - Parameters:
  ///   - bindings: variables fixed for this emulator; a received topic must agree with them.
  ///   - emit: receives one record per received message, and events.
  public init(
    bindings: VariableBindings, settings: EmulatorSettings, session: Session, emit: @escaping (JSONValue) -> Void
  ) throws(CoreError) {
    profile = bindings.profile
    compiler = TopicCompiler(bindings: bindings)
    self.settings = settings
    self.session = session
    self.emit = emit
    state = EmulatorState(settings, firmwareVerb: bindings.profile.firmwareVerb)
    var listeners: [(Operation, String, MessageSpec, TopicTemplate)] = []
    for operation in bindings.profile.operations {
      if operation.direction == .up {
        listeners.append((operation, "message", operation.message, try TopicTemplate(parsing: operation.message.topic)))
      } else if let reply = operation.reply {
        listeners.append((operation, "reply", reply, try TopicTemplate(parsing: reply.topic)))
      }
    }
    self.listeners = listeners
    checks = listeners.map { try? PayloadCheck($0.2) }
  }

  /// Subscribes to everything, without receiving its own publishes (MQTT 5 no-local, or under 3.1.1 by
  /// skipping their echoes), and reports ready.
  public func start() throws(MQTTError) {
    _ = try session.subscribe(["#"], qos: .atLeastOnce, options: hearsItself ? 0 : Session.noLocal)
    emit(["event": "ready", "dialect": .string(profile.name)])
  }

  /// Handles one received message: record it, check it, and answer it.
  public func handle(_ message: Message) throws(MQTTError) {
    if hearsItself, let count = echoes[Self.echoKey(message.topic, message.payload)] {
      echoes[Self.echoKey(message.topic, message.payload)] = count > 1 ? count - 1 : nil
      return
    }
    guard let (position, variables) = match(message.topic) else {
      emit(record(message, operation: nil, part: nil, variables: [:], verdict: "unknown-topic", errors: []))
      return
    }
    let listener = listeners[position]
    let verdict = checks[position]?.check(message.payload)
    var extra: [(String, JSONValue)] = []
    var request: JSONValue? = nil
    var verdictName = "valid"
    var errors: [JSONValue] = []
    switch verdict {
    case .valid(let value)?:
      request = value
    case .invalid(let problems)?:
      verdictName = "invalid"
      errors = problems.map { .string($0.description) }
    case .malformed(let problem)?:
      verdictName = "malformed"
      errors = [.string("payload \(problem)")]
    case .overLimit(let problem)?:
      verdictName = "over-limit"
      errors = [.string("payload is \(problem)")]
    case nil:
      break
    }
    let operation = listener.operation
    // Kaa's rule: a request without a request id gets no answer, not even an error.
    let silent = operation.message.topic.contains("{requestId") && variables["requestId"] == nil
    if listener.part == "message" && !silent {
      if verdictName != "valid" {
        if let errorTopic = try answerTopic(operation.error, variables: variables, request: message.topic) {
          let reason = errors.first?.stringValue ?? "invalid request"
          try publish(errorTopic, .error(statusCode: 400, reason: reason), properties: replyProperties(message))
          extra.append(("answered", .string(errorTopic)))
        } else {
          extra.append(("platform", "would refuse this message; a platform without an error topic closes the connection"))
        }
      } else if let (answered, isError) = try respond(to: operation, request: request, variables: variables, message: message) {
        extra.append(("answered", .string(answered)))
        if isError && operation.error?.payload == .text {
          extra.append(("platform", "a plain-text error: the platform closes the connection after it"))
        }
      }
    }
    emit(record(message, operation: operation.name, part: listener.part, variables: variables, verdict: verdictName, errors: errors, extra: extra))
  }

  /// Publishes a push of the down operation `name` (a server-side RPC, a command, a configuration).
  ///
  /// - Returns: the topic it was published on.
  @discardableResult
  public func push(_ name: String, payload: JSONValue?, variables: [String: String]) throws -> String {
    try push(name, payload: payload, variables: variables, remembering: true)
  }

  /// A push; `remembering` is false when it re-publishes what the state already holds (a snapshot).
  private func push(_ name: String, payload: JSONValue?, variables: [String: String], remembering: Bool) throws -> String {
    let operation = try compiler.operation(name)
    guard operation.direction == .down else {
      throw CoreError(.unknownOperation, "\(name) is sent by devices; push takes a cloud-to-device operation")
    }
    var values = variables
    let usesID = operation.message.topic.contains("{requestId}")
    if usesID && values["requestId"] == nil { values["requestId"] = String(Int.random(in: 1...99_999)) }
    let bindings = compiler.bindings
    let topic = try Self.render(operation.message.topic) { values[$0] ?? bindings[$0] }
    let bytes: [UInt8] =
      switch (operation.message.payload, payload) {
      case (_, nil): []
      case (.json, let value?): value.jsonBytes
      case (_, .string(let text)?): Array(text.utf8)
      case (_, let value?): value.jsonBytes
      }
    var properties = MessageProperties()
    if operation.pattern == .mqtt5Response, let reply = operation.reply {
      properties.responseTopic = try Self.render(reply.topic) { values[$0] ?? bindings[$0] }
      let id = payload?["id"].map { $0.stringValue ?? $0.jsonText } ?? StateRandom.hex(8)
      properties.correlationData = Array(id.utf8)
    }
    if remembering { remember(operation, payload) }
    try send(topic, bytes, retain: operation.retain, properties: properties)
    emit(["event": "pushed", "operation": .string(name), "topic": .string(topic)])
    return topic
  }

  /// Keeps what a push tells the platform's state, as the down operation's `emulate` names it: shared
  /// attributes, configuration, pending command, licenses, latest firmware. Other pushes (Kaa's commands)
  /// are delivered, not kept.
  private func remember(_ operation: Operation, _ payload: JSONValue?) {
    guard let payload else { return }
    switch operation.emulation {
    case .sharedAttributes?: state.applySharedUpdate(payload)
    case .configuration?: state.configuration = payload["config"] ?? payload
    case .otaConfiguration?: state.otaConfiguration = payload["config"] ?? payload
    case .pendingCommand?: state.pendingCommand = payload
    case .licenses?: state.licenses.append(payload)
    case .latestFirmware?: state.latestFirmware = payload
    default: break
    }
  }

  /// Queues a Kaa command for devices that ask for pending commands of its type, and sends the pending
  /// commands to every device that observes that type (RFC 0011: an observing request gets further
  /// answers on its response topic).
  @discardableResult
  public func queueCommand(type: String, payload: JSONValue) throws(MQTTError) -> Int {
    let id = state.nextCommandID
    state.nextCommandID += 1
    state.pendingCommands[type, default: []].append(["id": .number(JSONNumber(id)), "payload": payload])
    let pending = JSONValue.array(state.pendingCommands[type] ?? [])
    for topic in state.commandObservers[type] ?? [] {
      try publish(topic, .json(pending), properties: MessageProperties())
      emit(["event": "pushed", "operation": "pending-commands", "topic": .string(topic)])
    }
    return id
  }

  /// Answers a valid request; returns the topic answered on and whether the answer was an error.
  private func respond(
    to operation: Operation, request: JSONValue?, variables: [String: String], message: Message
  ) throws(MQTTError) -> (String, Bool)? {
    guard let behaviour = operation.emulation else { return nil }
    if behaviour == .snapshot {
      try republishSnapshot(variables: variables)
      return nil
    }
    guard
      let answer = state.answer(
        behaviour, request: request, variables: variables, settings: settings, maximumChunkSize: operation.maximumChunkSize)
    else { return nil }
    let isError: Bool
    switch answer {
    case .error, .errorText: isError = true
    default: isError = false
    }
    let spec = isError ? operation.error : operation.response
    guard let topic = try answerTopic(spec, variables: variables, request: message.topic) else { return nil }
    if behaviour == .pendingCommands, !isError, request?["observe"]?.boolValue == true, let type = variables["commandType"] {
      if !(state.commandObservers[type] ?? []).contains(topic) { state.commandObservers[type, default: []].append(topic) }
    }
    try publish(topic, answer, properties: replyProperties(message))
    return (topic, isError)
  }

  /// The `snapshot` behaviour (Xyte's `get`): the configuration, the next pending command, the licenses and
  /// the latest firmware, each re-published on the push operations that keep it.
  private func republishSnapshot(variables: [String: String]) throws(MQTTError) {
    let snapshot: [(EmulatorBehaviour, JSONValue?)] = [
      (.configuration, state.configuration), (.pendingCommand, state.pendingCommand),
      (.licenses, state.licenses.isEmpty ? nil : .array(state.licenses)), (.latestFirmware, state.latestFirmware),
    ]
    for (kind, payload) in snapshot {
      guard let payload else { continue }
      for operation in profile.operations where operation.direction == .down && operation.emulation == kind {
        do {
          _ = try push(operation.name, payload: payload, variables: variables, remembering: false)
        } catch let error as MQTTError {
          throw error
        } catch {
          emit(["event": "error", "message": .string("\(error)")])
        }
      }
    }
  }

  /// The answer topic for a request that arrived on `request`.
  private func answerTopic(_ spec: MessageSpec?, variables: [String: String], request: String) throws(MQTTError) -> String? {
    guard let spec else { return nil }
    var values = variables
    values["request"] = request
    return try? Self.render(spec.topic) { values[$0] }
  }

  /// MQTT 5 requests that name a response topic get the correlation data back.
  private func replyProperties(_ message: Message) -> MessageProperties {
    var properties = MessageProperties()
    properties.correlationData = message.properties.correlationData
    return properties
  }

  private func publish(_ topic: String, _ answer: EmulatorAnswer, properties: MessageProperties) throws(MQTTError) {
    let bytes: [UInt8] =
      switch answer {
      case .json(let value): value.jsonBytes
      case .text(let text): Array(text.utf8)
      case .empty: []
      case .bytes(let bytes): bytes
      case .errorText(let text): Array(text.utf8)
      case .error(let code, let reason):
        JSONValue.object(JSONObject(["statusCode": .number(JSONNumber(code)), "reasonPhrase": .string(reason)])).jsonBytes
      }
    try send(topic, bytes, properties: properties)
  }

  /// Publishes, remembering the message when its echo will come back.
  private func send(_ topic: String, _ bytes: [UInt8], retain: Bool = false, properties: MessageProperties) throws(MQTTError) {
    if hearsItself { echoes[Self.echoKey(topic, bytes), default: 0] += 1 }
    try session.publish(topic: topic, payload: bytes, qos: .atLeastOnce, retain: retain, properties: properties)
  }

  private static func echoKey(_ topic: String, _ payload: [UInt8]) -> [UInt8] { Array(topic.utf8) + [0] + payload }

  /// The first listener whose template the topic fits, with the variables it carries. A request id must be
  /// a number, and a variable the emulator was given must have that value.
  private func match(_ topic: String) -> (Int, [String: String])? {
    for (position, listener) in listeners.enumerated() {
      let numericRequestID = { (name: String, value: String) in name != "requestId" || value.allSatisfy(\.isASCIIDigit) }
      guard let values = listener.template.match(topic, accept: numericRequestID) else { continue }
      if values.contains(where: { name, value in compiler.bindings[name].map { $0 != value } ?? false }) { continue }
      return (position, values)
    }
    return nil
  }

  private func record(
    _ message: Message, operation: String?, part: String?, variables: [String: String], verdict: String,
    errors: [JSONValue], extra: [(String, JSONValue)] = []
  ) -> JSONValue {
    var record = JSONObject()
    record["operation"] = operation.map(JSONValue.string) ?? .null
    if let part, part != "message" { record["part"] = .string(part) }
    record["topic"] = .string(message.topic)
    var decoded = JSONObject()
    for key in variables.keys.sorted() { decoded[key] = .string(variables[key]!) }
    record["variables"] = .object(decoded)
    if let parsed = try? JSONParser.parse(message.payload) {
      record["payload"] = parsed
    } else if let text = String(validating: message.payload, as: UTF8.self) {
      record["payload"] = .string(text)
    } else {
      record["payload_base64"] = .string(Base64.encode(message.payload))
    }
    record["verdict"] = .string(verdict)
    if !errors.isEmpty { record["errors"] = .array(errors) }
    if let correlation = message.properties.correlationData {
      record["correlation_data"] = .string(String(decoding: correlation, as: UTF8.self))
    }
    for (key, value) in extra { record[key] = value }
    return .object(record)
  }

  private static func render(_ template: String, _ value: (String) -> String?) throws(CoreError) -> String {
    switch try TopicTemplate(parsing: template).render(value) {
    case .success(let topic): return topic
    case .failure(let missing):
      throw CoreError(.missingVariable, "the topic \(template) needs the variable '\(missing.name)': pass --var \(missing.name)=VALUE or \"vars\" in the push")
    }
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
