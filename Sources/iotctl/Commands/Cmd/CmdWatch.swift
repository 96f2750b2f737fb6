import ArgumentParser
import IotctlCore
import IotctlMQTT
import IotctlSchema

extension Iotctl.Cmd {
  /// `iotctl cmd watch`.
  struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "watch",
      abstract: "Subscribe to the dialect's command topics, print each command, and optionally answer it.",
      discussion: """
        Each command is printed (text: NAME ID PAYLOAD; jsonl: a record with the operation, topic \
        variables, id, name, command and reply). With --exec CMD a handler runs per command through \
        /bin/sh, with the command JSON on stdin and IOTCTL_COMMAND_ID, IOTCTL_COMMAND_NAME, \
        IOTCTL_OPERATION and IOTCTL_TOPIC in its environment. Exit status 0 is success and its stdout \
        (JSON, or text) the result; anything else, a crash or --handler-timeout is a failure whose \
        message is the handler's stderr. The reply follows the dialect: ThingsBoard's rpc response, \
        Kaa's command result with a statusCode, Xyte's commands/update with status and correlation \
        data, EdgeIQ's gateway command status. --reply JSON answers every command with that result.

        The watcher reconnects and resubscribes after a lost connection (--reconnect, default forever).

        Examples:
          iotctl cmd watch --dialect thingsboard --var token=$T --exec ./handle-rpc.sh
          iotctl cmd watch --dialect kaa --var app=demo_v1 --var token=$K --reply '{"done":true}' -C 1
          iotctl cmd watch --dialect xyte --var id=$ID --var-file access_key=key.txt --output jsonl
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: .customLong("exec"), help: ArgumentHelp("Run this shell command per command; its result is the reply.", valueName: "command"))
    var exec: String?

    @Option(name: .customLong("reply"), help: ArgumentHelp("Answer every command with this result (JSON or text).", valueName: "result"))
    var reply: String?

    @Option(name: .customLong("handler-timeout"), help: ArgumentHelp("Seconds a handler may run before it is killed.", valueName: "seconds"))
    var handlerTimeout: Double = 30

    @Option(name: [.customShort("C"), .customLong("count")], help: "Stop after this many commands.")
    var count: Int?

    @Option(name: [.customShort("W"), .customLong("timeout")], help: ArgumentHelp("Stop after this many seconds without a command (exit 27).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("reconnect"), help: "After a lost connection: never, a number of attempts, or forever.")
    var reconnect: ReconnectPolicy = .forever

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case text, jsonl
    }

    @Option(name: .customLong("output"), help: "text (NAME ID COMMAND per line) or jsonl (one record per command).")
    var format: Format = .text

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws {
      if exec != nil && reply != nil { throw ValidationError("give --exec or --reply, not both") }
      if let count, count < 1 { throw ValidationError("-C must be at least 1") }
      if let timeout, timeout <= 0 { throw ValidationError("-W must be positive") }
      if handlerTimeout <= 0 { throw ValidationError("--handler-timeout must be positive") }
    }

    func run() throws {
      diagnostics.apply()
      let profile = try dialect.profile()
      guard let verb = profile.commandVerb else {
        throw CLIError.usage("dialect \(profile.name) has no commands to watch")
      }
      var compiler = TopicCompiler(bindings: try dialect.bindings(for: profile))
      var listeners: [(Operation, TopicTemplate, String)] = []
      for name in verb.operations {
        let compiled = try compiler.compile(name)
        listeners.append((compiled.operation, try TopicTemplate(compiled.operation.message.topic), compiled.topic))
      }
      var (options, _) = try connection.resolve(reconnect: reconnect, dialect: try compiler.connection())
      options.noDelay = true
      let session = try Session(options)
      try session.connect()
      defer { session.close() }
      try session.subscribe(listeners.map(\.2), qos: .atLeastOnce)
      Diagnostics.debug("watching \(listeners.map(\.2).joined(separator: ", "))")
      let out = StandardOutput()
      let secrets = compiler.bindings.secretValues
      var handled = 0
      while count.map({ handled < $0 }) ?? true {
        let deadline = timeout.map { Deadline.after(seconds: $0) }
        guard let message = try session.nextMessage(until: deadline) else {
          throw CLIError(.timeout, "no command within \(formatSeconds(timeout ?? 0)) s; \(handled) handled")
        }
        guard let (operation, template, _) = listeners.first(where: { $0.1.match(message.topic) != nil }),
          let variables = template.match(message.topic)
        else { continue }
        let payload = try? JSONParser.parse(message.payload)
        let commands: [JSONValue?] = verb.items ? (payload?.arrayValue ?? []).map { $0 } : [payload]
        for command in commands {
          let id = CommandVerb.resolve(verb.id, variables: variables, command: command)
          let name = CommandVerb.resolve(verb.name, variables: variables, command: command)
          var record = JSONObject()
          record["operation"] = .string(operation.name)
          record["topic"] = .string(Secrets.masking(message.topic, secrets))
          var decoded = JSONObject()
          for key in variables.keys.sorted() { decoded[key] = .string(Secrets.masking(variables[key]!, secrets)) }
          record["variables"] = .object(decoded)
          if let id { record["id"] = id }
          if let name { record["name"] = name }
          record["command"] = command ?? .string(String(decoding: message.payload, as: UTF8.self))
          if let answer = try answer(
            command: command, id: id, name: name, message: message, operation: operation, variables: variables,
            verb: verb, compiler: &compiler, session: session)
          {
            record["reply"] = .object(JSONObject(["topic": .string(Secrets.masking(answer.topic, secrets)), "payload": answer.payload]))
          }
          switch format {
          case .jsonl: out.write(JSONValue.object(record).jsonText + "\n")
          case .text:
            let label = [name, id].compactMap { $0.map { $0.stringValue ?? $0.jsonText } }.joined(separator: " ")
            out.write((label.isEmpty ? "" : label + " ") + (command?.jsonText ?? String(decoding: message.payload, as: UTF8.self)) + "\n")
          }
          out.flush()
          handled += 1
        }
      }
      try DeliveryCheck.verify(session, total: handled, unit: "reply", waitSeconds: 10)
    }

    /// Runs the handler (or takes --reply) and publishes the dialect's reply; `nil` when nothing answers.
    private func answer(
      command: JSONValue?, id: JSONValue?, name: JSONValue?, message: Message, operation: Operation,
      variables: [String: String], verb: CommandVerb, compiler: inout TopicCompiler, session: Session
    ) throws -> (topic: String, payload: JSONValue)? {
      guard let template = verb.reply, exec != nil || reply != nil else { return nil }
      var success = true
      var result: JSONValue = .null
      var failureMessage = ""
      if let reply {
        result = (try? JSONParser.parse(reply)) ?? .string(reply)
      } else if let exec {
        let input = Array((command?.jsonText ?? String(decoding: message.payload, as: UTF8.self)).utf8)
        var environment = ["IOTCTL_OPERATION": operation.name, "IOTCTL_TOPIC": message.topic]
        if let id { environment["IOTCTL_COMMAND_ID"] = id.stringValue ?? id.jsonText }
        if let name { environment["IOTCTL_COMMAND_NAME"] = name.stringValue ?? name.jsonText }
        let outcome = Handler(command: exec, timeout: handlerTimeout).run(input: input, environment: environment)
        let text = String(decoding: outcome.stdout, as: UTF8.self).trimmingTrailingNewlines
        if outcome.status == 0 {
          result = (try? JSONParser.parse(text)) ?? .string(text)
        } else {
          success = false
          let stderr = String(decoding: outcome.stderr, as: UTF8.self).trimmingTrailingNewlines
          failureMessage =
            outcome.timedOut
            ? "handler timed out after \(formatSeconds(handlerTimeout)) s"
            : stderr.isEmpty ? "handler failed with status \(outcome.status.map(String.init) ?? "(killed)")" : stderr
          Diagnostics.warning("handler for \(name?.stringValue ?? operation.name) failed: \(failureMessage)")
        }
      }
      var values: [String: JSONValue] = variables.mapValues(JSONValue.string)
      values["id"] = id ?? .null
      values["name"] = name ?? .null
      values["result"] = result
      values["result_text"] = .string(result.stringValue ?? (result == .null ? "" : result.jsonText))
      values["message"] = .string(failureMessage)
      values["device"] = .string(compiler.bindings["device"] ?? "")
      let payload = template.payload(success: success, values: values)
      var properties = MessageProperties()
      let topic: String
      if let replyOperation = template.operation {
        let compiled = try compiler.compile(replyOperation, withRequestID: false, extra: variables)
        topic = compiled.topic
        for (key, value) in compiled.userProperties { properties.userProperties.append(UserProperty(key, value)) }
      } else if let responseTopic = message.properties.responseTopic {
        topic = responseTopic
      } else if let replyTemplate = operation.reply?.topic {
        var merged = variables
        for rule in compiler.profile.variables { if merged[rule.name] == nil { merged[rule.name] = compiler.bindings[rule.name] } }
        guard case .success(let rendered) = try TopicTemplate(replyTemplate).render({ merged[$0] }) else { return nil }
        topic = rendered
      } else {
        return nil
      }
      if let correlation = message.properties.correlationData { properties.correlationData = correlation }
      if template.operation == nil {
        for (key, value) in try compiler.compile(operation.name).userProperties {
          properties.userProperties.append(UserProperty(key, value))
        }
      }
      try session.publish(topic: topic, payload: payload.jsonBytes, qos: .atLeastOnce, properties: properties)
      return (topic, payload)
    }
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var text = self
    while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
    return text
  }
}
