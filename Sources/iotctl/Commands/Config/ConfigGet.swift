import ArgumentParser
import IotctlCore
import IotctlMQTT
import IotctlSchema

extension Iotctl.Config {
  /// `iotctl config get`.
  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "get",
      abstract: "Ask for the configuration and print it; --watch keeps printing changes.",
      discussion: """
        Per dialect: Kaa requests cmx configuration ({configId, config}; --watch observes); Xyte \
        publishes get and prints the configuration pushed back; EdgeIQ sends the config request and \
        prints send_config_v3; ThingsBoard requests the attributes ({client, shared}; --watch follows \
        shared-attribute updates); Medium One prints the retained updates.

        Examples:
          iotctl config get --dialect kaa --var app=demo_v1 --var token=$K | jq .config
          iotctl config get --dialect thingsboard --var token=$T --watch --output jsonl
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Flag(name: .customLong("watch"), help: "Keep printing configuration pushes.")
    var watch = false

    @Option(name: [.customShort("C"), .customLong("count")], help: "With --watch: stop after this many configurations.")
    var count: Int?

    @Option(
      name: [.customShort("W"), .customLong("timeout")],
      help: ArgumentHelp("Seconds to wait for the configuration (default 10; with --watch, idle seconds before exit 27, default none).", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .customLong("no-validate"), help: "Send the request even if it does not match the operation's schema.")
    var noValidate = false

    @Flag(name: .customLong("dry-run"), help: "Print the request that would be sent, and its mosquitto equivalent, without connecting (as JSON with --output jsonl).")
    var dryRun = false

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws {
      if count != nil && !watch { throw ValidationError("-C goes with --watch") }
      if let timeout, timeout <= 0 { throw ValidationError("-W must be positive") }
    }

    func run() throws {
      diagnostics.apply()
      let profile = try dialect.profile()
      guard let verb = profile.configVerb else { throw CLIError.usage("dialect \(profile.name) has no configuration verb") }
      var compiler = TopicCompiler(bindings: try dialect.bindings(for: profile))
      var (options, _) = try connection.resolve(dialect: try compiler.connection())
      options.noDelay = true
      // The request, compiled and validated before connecting.
      var request: (call: OperationCall, payload: [UInt8])? = nil
      if let name = verb.request {
        let call = OperationCall(compiled: try compiler.compile(name), compiler: compiler, profile: profile)
        let body = (watch ? verb.watchPayload ?? verb.payload : verb.payload) ?? JSONValue.object(JSONObject())
        let raw = call.compiled.operation.message.payload == .json ? body.jsonBytes : []
        request = (call, try call.payload(raw, validate: !noValidate))
      }
      if dryRun {
        guard let (call, payload) = request else {
          let filters = try verb.push.map { name throws in Secrets.masking(try compiler.compile(name).topic, compiler.bindings.secretValues) }
          StandardOutput.print(
            output.format == .jsonl
              ? (["dialect": .string(profile.name), "subscribe": .array(filters.map(JSONValue.string))] as JSONValue).jsonText + "\n"
              : "no request: \(profile.name) configuration arrives on \(filters.joined(separator: ", "))\n")
          return
        }
        var plan = call.dryRun(options: options, payload: payload, properties: MessageProperties(), validated: !noValidate)
        if watch { plan.subscriptions = try verb.push.map { try compiler.compile($0).topic } }
        StandardOutput.print(plan.report(output.format))
        return
      }
      let session = try Session(options)
      try session.connect()
      defer { session.close() }
      let out = StandardOutput()
      let pushNames = (watch || verb.request == nil ? verb.push : []) + (verb.answer.map { [$0] } ?? [])
      var pushFilters: [String] = []
      for name in pushNames { pushFilters.append(try compiler.compile(name).topic) }
      if !pushFilters.isEmpty { try session.subscribe(Array(Set(pushFilters)), qos: .atLeastOnce) }
      var printed = 0
      let wait = timeout ?? 10
      if let (call, payload) = request {
        if verb.answer == nil {
          if let reply = try call.run(session: session, payload: payload, properties: MessageProperties(), timeout: wait) {
            output.print(reply, to: out)
            printed += 1
          }
        } else {
          try ExchangeRunner(session: session).send(call.compiled, payload: payload, qos: call.qos)
        }
      }
      func matches(_ message: Message) -> Bool { pushFilters.contains { Topic.matches(message.topic, filter: $0) } }
      // The first configuration, when the request itself had no answer.
      if printed == 0 {
        guard let first = try session.nextMessage(until: .after(seconds: wait), where: matches) else {
          throw CLIError(.timeout, "no configuration from \(profile.name) within \(formatSeconds(wait)) s")
        }
        output.print(first, to: out)
        printed += 1
        if verb.request == nil && !watch {
          // Medium One: the retained updates arrive together; print them all.
          while let more = try session.nextMessage(until: .after(seconds: 0.3), where: matches) { output.print(more, to: out) }
          return
        }
      }
      guard watch else { return }
      while count.map({ printed < $0 }) ?? true {
        guard let message = try session.nextMessage(until: timeout.map { .after(seconds: $0) }, where: matches) else {
          throw CLIError(.timeout, "no configuration change within \(formatSeconds(timeout ?? 0)) s; \(printed) printed")
        }
        output.print(message, to: out)
        printed += 1
      }
    }
  }
}
