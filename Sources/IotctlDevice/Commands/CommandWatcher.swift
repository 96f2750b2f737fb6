import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// A command the platform sent, as the dialect's command verb reads it.
public struct ReceivedCommand {
  public var operation: Operation
  public var message: Message
  /// The variables in the topic it came on (with the request's, for an answer to a command request).
  public var variables: [String: String]
  public var id: JSONValue?
  public var name: JSONValue?
  /// The command as JSON; nil when it is not JSON.
  public var command: JSONValue?
}

/// What a handler made of a command.
public struct CommandOutcome {
  public var success: Bool
  public var result: JSONValue
  /// Why it failed.
  public var message: String

  public init(success: Bool, result: JSONValue = .null, message: String = "") {
    (self.success, self.result, self.message) = (success, result, message)
  }
}

/// A dialect's command verb without a session: which filters carry commands, the request that asks for
/// them (Kaa's command request with `observe`: RFC 0011), how a message splits into commands, and the
/// answer to each. ``CommandWatcher`` runs it on a session, the fleet simulator on each device.
public struct CommandDecoder {
  public private(set) var compiler: TopicCompiler
  public let verb: CommandVerb
  private var listeners: [(operation: Operation, match: (String) -> [String: String]?, filter: String)] = []
  /// The command request to send once subscribed; nil when the dialect has none or cannot send it.
  public private(set) var request: CompiledOperation?
  /// Why the command request is not sent (a variable it needs is unbound).
  public private(set) var note: String?

  public init(compiler: TopicCompiler) throws {
    guard let verb = compiler.profile.commandVerb else {
      throw DeviceError(.usage, "dialect \(compiler.profile.name) has no commands to watch")
    }
    self.compiler = compiler
    self.verb = verb
    for name in verb.operations {
      let compiled = try self.compiler.compile(name)
      let template = try TopicTemplate(compiled.operation.message.topic)
      listeners.append((compiled.operation, { template.match($0) }, compiled.topic))
    }
    guard let name = verb.request, let push = listeners.first?.operation else { return }
    var attempt = self.compiler
    switch Result(catching: { () throws(CoreError) in try attempt.compile(name) }) {
    case .success(let compiled):
      guard let response = compiled.responseTopic else {
        throw DeviceError(.usage, "\(name) of dialect \(compiler.profile.name) has no response topic to watch")
      }
      self.compiler = attempt
      var fixed: [String: String] = [:]
      for rule in self.compiler.profile.variables { fixed[rule.name] = self.compiler.bindings[rule.name] }
      listeners.append((push, { Topic.matches($0, filter: response) ? fixed : nil }, response))
      request = compiled
    case .failure(let error) where error.kind == .missingVariable:
      note = "\(error.message); without it \(name) is not sent and only pushed commands arrive"
    case .failure(let error):
      throw error
    }
  }

  /// The filters watched.
  public var filters: [String] { listeners.map(\.filter) }

  /// The command request's payload, completed and checked.
  public func requestPayload() throws -> (compiled: CompiledOperation, payload: [UInt8], qos: QoS)? {
    guard let request else { return nil }
    var exchange = OperationExchange(compiled: request, compiler: compiler)
    let payload = try exchange.payload(verb.payload.map { $0.jsonBytes }, validate: true)
    return (exchange.compiled, payload, exchange.qos)
  }

  /// The commands in `message`; nil when it came on no watched topic.
  public func commands(in message: Message) -> [ReceivedCommand]? {
    guard let listener = listeners.first(where: { $0.match(message.topic) != nil }),
      let variables = listener.match(message.topic)
    else { return nil }
    let payload = try? JSONParser.parse(message.payload)
    let commands: [JSONValue?] = verb.items ? (payload?.arrayValue ?? []).map { $0 } : [payload]
    return commands.map { command in
      ReceivedCommand(
        operation: listener.operation, message: message, variables: variables,
        id: CommandVerb.resolve(verb.id, variables: variables, command: command),
        name: CommandVerb.resolve(verb.name, variables: variables, command: command), command: command)
    }
  }

  /// The dialect's answer to `command`: topic, payload and properties; nil when the dialect has none.
  public mutating func answer(to command: ReceivedCommand, _ outcome: CommandOutcome) throws -> (topic: String, payload: JSONValue, properties: MessageProperties)? {
    guard let template = verb.reply else { return nil }
    var values: [String: JSONValue] = command.variables.mapValues(JSONValue.string)
    values["id"] = command.id ?? .null
    values["name"] = command.name ?? .null
    values["result"] = outcome.result
    values["result_text"] = .string(outcome.result.stringValue ?? (outcome.result == .null ? "" : outcome.result.jsonText))
    values["message"] = .string(outcome.message)
    values["device"] = .string(compiler.bindings["device"] ?? "")
    let payload = template.payload(success: outcome.success, values: values)
    var properties = MessageProperties()
    let topic: String
    let message = command.message
    if let replyOperation = template.operation {
      let compiled = try compiler.compile(replyOperation, withRequestID: false, extra: command.variables)
      topic = compiled.topic
      for (key, value) in compiled.userProperties { properties.userProperties.append(UserProperty(key, value)) }
    } else if let responseTopic = message.properties.responseTopic {
      topic = responseTopic
    } else if let replyTemplate = command.operation.reply?.topic {
      var merged = command.variables
      for rule in compiler.profile.variables { if merged[rule.name] == nil { merged[rule.name] = compiler.bindings[rule.name] } }
      guard case .success(let rendered) = try TopicTemplate(replyTemplate).render({ merged[$0] }) else { return nil }
      topic = rendered
    } else {
      return nil
    }
    if let correlation = message.properties.correlationData { properties.correlationData = correlation }
    if template.operation == nil {
      for (key, value) in try compiler.compile(command.operation.name).userProperties {
        properties.userProperties.append(UserProperty(key, value))
      }
    }
    return (topic, payload, properties)
  }
}

/// `cmd watch` as a service: subscribes to the dialect's command pushes, sends the command request
/// where the dialect has one, and publishes each answer the way the command verb describes it.
public final class CommandWatcher {
  public let runner: ExchangeRunner
  private var decoder: CommandDecoder
  public var compiler: TopicCompiler { decoder.compiler }
  public var verb: CommandVerb { decoder.verb }

  public init(runner: ExchangeRunner, compiler: TopicCompiler) throws {
    self.runner = runner
    decoder = try CommandDecoder(compiler: compiler)
  }

  /// The filters watched.
  public var filters: [String] { decoder.filters }

  /// Subscribes, then sends the dialect's command request, whose answers (on its response topic) are
  /// watched like the pushes. Returns a note when the request cannot be sent (a variable it needs is
  /// unbound), so that only the pushes are watched.
  @discardableResult
  public func start() throws -> String? {
    // Subscribed before the request goes out, so that no answer can come first.
    try runner.session.subscribe(filters, qos: .atLeastOnce)
    if let (compiled, payload, qos) = try decoder.requestPayload() {
      try runner.send(compiled, payload: payload, qos: qos)
    }
    return decoder.note
  }

  /// The commands in the next message on a watched topic; nil once `deadline` passes.
  public func next(until deadline: Deadline?) throws -> [ReceivedCommand]? {
    while let message = try runner.nextMessage(until: deadline, where: { _ in true }) {
      if let commands = decoder.commands(in: message) { return commands }
    }
    return nil
  }

  /// Publishes the dialect's answer to `command`; nil when the dialect has none.
  public func reply(to command: ReceivedCommand, _ outcome: CommandOutcome) throws -> (topic: String, payload: JSONValue)? {
    guard let (topic, payload, properties) = try decoder.answer(to: command, outcome) else { return nil }
    try runner.session.publish(topic: topic, payload: payload.jsonBytes, qos: .atLeastOnce, properties: properties)
    return (topic, payload)
  }
}
