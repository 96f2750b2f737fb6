import ArgumentParser
import IotctlDevice
import IotctlDialect
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
          iotctl cmd watch --dialect kaa --var app=demo_v1 --var token=$K \\
            --reply '{"done":true}' -C 1
          iotctl cmd watch --dialect xyte --var id=$ID --var-file access_key=key.txt \\
            --output jsonl
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
      try NumericFlags.seconds(timeout, "-W", positive: true)
      try NumericFlags.seconds(handlerTimeout, "--handler-timeout", positive: true)
    }

    func run() throws {
      diagnostics.unwrapped.apply()
      let profile = try dialect.unwrapped.profile()
      let compiler = TopicCompiler(bindings: try dialect.unwrapped.bindings(for: profile))
      guard profile.commandVerb != nil else { throw CLIError.usage("dialect \(profile.name) has no commands to watch") }
      var (options, _) = try connection.unwrapped.resolve(reconnect: reconnect, dialect: try compiler.connection())
      options.bound(by: timeout)
      options.answerAtOnce()
      let session = try Session(options)
      try session.connect()
      defer { session.close() }
      let watcher = try CommandWatcher(runner: ExchangeRunner(session: session), compiler: compiler)
      if let note = try watcher.start() { Diagnostics.note(note) }
      Diagnostics.debug("watching \(watcher.filters.map(compiler.bindings.masking).joined(separator: ", "))")
      let out = StandardOutput()
      let masking = compiler.bindings.masking
      var handled = 0
      while count.map({ handled < $0 }) ?? true {
        guard let commands = try watcher.next(until: timeout.map { Deadline.after(seconds: $0) }) else {
          throw CLIError(.timeout, "no command within \(Seconds.format(timeout ?? 0)) s; \(handled) handled")
        }
        for received in commands {
          let message = received.message
          var record = JSONObject()
          record["operation"] = .string(received.operation.name)
          record["topic"] = .string(masking(message.topic))
          var decoded = JSONObject()
          for key in received.variables.keys.sorted() { decoded[key] = .string(masking(received.variables[key]!)) }
          record["variables"] = .object(decoded)
          if let id = received.id { record["id"] = id }
          if let name = received.name { record["name"] = name }
          record["command"] = received.command ?? .string(String(decoding: message.payload, as: UTF8.self))
          if let outcome = handle(received), let answer = try watcher.reply(to: received, outcome) {
            record["reply"] = .object(JSONObject(["topic": .string(masking(answer.topic)), "payload": answer.payload]))
          }
          switch format {
          case .jsonl: out.write(JSONValue.object(record).jsonText + "\n")
          case .text:
            let label = [received.name, received.id].compactMap { $0.map { $0.stringValue ?? $0.jsonText } }.joined(separator: " ")
            let shown = received.command?.jsonText ?? String(decoding: message.payload, as: UTF8.self)
            out.write((label.isEmpty ? "" : Terminal.printable(label) + " ") + Terminal.printable(shown) + "\n")
          }
          out.flush()
          handled += 1
        }
      }
      try session.confirmDelivery(of: handled, unit: "reply", waitSeconds: 10)
    }

    /// The handler's outcome (or --reply's); nil when nothing answers.
    private func handle(_ received: ReceivedCommand) -> CommandOutcome? {
      if let reply { return CommandOutcome(success: true, result: (try? JSONParser.parse(reply)) ?? .string(reply)) }
      guard let exec else { return nil }
      let input = received.command.map { Array($0.jsonText.utf8) } ?? received.message.payload
      var environment = ["IOTCTL_OPERATION": received.operation.name, "IOTCTL_TOPIC": received.message.topic]
      if let id = received.id { environment["IOTCTL_COMMAND_ID"] = id.stringValue ?? id.jsonText }
      if let name = received.name { environment["IOTCTL_COMMAND_NAME"] = name.stringValue ?? name.jsonText }
      let outcome = Handler(command: exec, timeout: handlerTimeout).run(input: input, environment: environment)
      let text = outcome.outputText
      if outcome.status == 0 { return CommandOutcome(success: true, result: (try? JSONParser.parse(text)) ?? .string(text)) }
      let stderr = outcome.errorText
      let failure =
        outcome.timedOut
        ? "handler timed out after \(Seconds.format(handlerTimeout)) s"
        : stderr.isEmpty ? "handler failed with status \(outcome.status.map(String.init) ?? "(killed)")" : stderr
      Diagnostics.warning("handler for \(received.name?.stringValue ?? received.operation.name) failed: \(Terminal.printable(failure))")
      return CommandOutcome(success: false, message: failure)
    }
  }
}
