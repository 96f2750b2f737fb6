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

/// `cmd watch` as a service: subscribes to the dialect's command pushes, asks for commands where the
/// dialect wants that (Kaa's command request with `observe`: RFC 0011), splits a message into its
/// commands, and publishes each answer the way the command verb describes it.
public final class CommandWatcher {
  public let runner: ExchangeRunner
  public private(set) var compiler: TopicCompiler
  public let verb: CommandVerb
  private var listeners: [(operation: Operation, match: (String) -> [String: String]?, filter: String)] = []

  public init(runner: ExchangeRunner, compiler: TopicCompiler) throws {
    guard let verb = compiler.profile.commandVerb else {
      throw DeviceError(.usage, "dialect \(compiler.profile.name) has no commands to watch")
    }
    self.runner = runner
    self.compiler = compiler
    self.verb = verb
    for name in verb.operations {
      let compiled = try self.compiler.compile(name)
      let template = try TopicTemplate(compiled.operation.message.topic)
      listeners.append((compiled.operation, { template.match($0) }, compiled.topic))
    }
  }

  /// The filters watched.
  public var filters: [String] { listeners.map(\.filter) }

  /// Subscribes, then sends the dialect's command request, whose answers (on its response topic) are
  /// watched like the pushes. Returns a note when the request cannot be sent (a variable it needs is
  /// unbound), so that only the pushes are watched.
  @discardableResult
  public func start() throws -> String? {
    var note: String?
    var request: CompiledOperation?
    if let name = verb.request, let push = listeners.first?.operation {
      var attempt = compiler
      switch Result(catching: { () throws(CoreError) in try attempt.compile(name) }) {
      case .success(let compiled):
        guard let response = compiled.responseTopic else {
          throw DeviceError(.usage, "\(name) of dialect \(compiler.profile.name) has no response topic to watch")
        }
        compiler = attempt
        var fixed: [String: String] = [:]
        for rule in compiler.profile.variables { fixed[rule.name] = compiler.bindings[rule.name] }
        listeners.append((push, { Topic.matches($0, filter: response) ? fixed : nil }, response))
        request = compiled
      case .failure(let error) where error.kind == .missingVariable:
        note = "\(error.message); without it \(name) is not sent and only pushed commands arrive"
      case .failure(let error):
        throw error
      }
    }
    // Subscribed before the request goes out, so that no answer can come first.
    try runner.session.subscribe(filters, qos: .atLeastOnce)
    if let request {
      var exchange = OperationExchange(compiled: request, compiler: compiler)
      let given = verb.payload.map { $0.jsonBytes }
      try runner.send(request, payload: try exchange.payload(given, validate: true), qos: exchange.qos)
    }
    return note
  }


  /// The commands in the next message on a watched topic; nil once `deadline` passes.
  public func next(until deadline: Deadline?) throws -> [ReceivedCommand]? {
    while let message = try runner.nextMessage(until: deadline, where: { _ in true }) {
      guard let listener = listeners.first(where: { $0.match(message.topic) != nil }),
        let variables = listener.match(message.topic)
      else { continue }
      let payload = try? JSONParser.parse(message.payload)
      let commands: [JSONValue?] = verb.items ? (payload?.arrayValue ?? []).map { $0 } : [payload]
      return commands.map { command in
        ReceivedCommand(
          operation: listener.operation, message: message, variables: variables,
          id: CommandVerb.resolve(verb.id, variables: variables, command: command),
          name: CommandVerb.resolve(verb.name, variables: variables, command: command), command: command)
      }
    }
    return nil
  }

  /// Publishes the dialect's answer to `command`; nil when the dialect has none.
  public func reply(to command: ReceivedCommand, _ outcome: CommandOutcome) throws -> (topic: String, payload: JSONValue)? {
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
    try runner.session.publish(topic: topic, payload: payload.jsonBytes, qos: .atLeastOnce, properties: properties)
    return (topic, payload)
  }
}
