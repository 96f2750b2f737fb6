import ArgumentParser
import IotctlDevice
import IotctlDialect
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

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Config.Get.Values {
  func checkOptions() throws {
    if count != nil && !watch { throw ValidationError("-C goes with --watch") }
    try NumericFlags.seconds(timeout, "-W", positive: true)
  }

  func execute() throws {
    diagnostics.apply()
    let profile = try dialect.profile()
    guard let verb = profile.configVerb else { throw CLIError.usage("dialect \(profile.name) has no configuration verb") }
    var compiler = TopicCompiler(bindings: try dialect.bindings(for: profile))
    var (options, _) = try connection.resolve(dialect: try compiler.connection())
    options.bound(by: timeout)
    options.answerAtOnce()
    // Pushes count when watching, or when they are the only way configuration comes; an answer that
    // arrives as a push (Xyte) always does.
    let push = (watch || verb.request == nil ? verb.push : []) + (verb.answer.map { [$0] } ?? [])
    // The request, compiled and validated before connecting.
    let flow = try AskOrWait(
      compiler: compiler, request: verb.request, payload: watch ? verb.watchPayload ?? verb.payload : verb.payload,
      push: push, validate: !noValidate)
    if dryRun {
      guard let request = flow.request else {
        let filters = try verb.push.map { name throws in compiler.bindings.masking(try compiler.compile(name).topic) }
        StandardOutput.print(
          output.format == .jsonl
            ? (["dialect": .string(profile.name), "subscribe": .array(filters.map(JSONValue.string))] as JSONValue).jsonText + "\n"
            : "no request: \(profile.name) configuration arrives on \(filters.joined(separator: ", "))\n")
        return
      }
      let call = OperationCall(compiled: request.compiled, compiler: request.compiler)
      var plan = call.dryRun(options: options, payload: flow.payload, properties: MessageProperties(), validated: !noValidate)
      if watch { plan.subscriptions = flow.pushFilters }
      StandardOutput.print(plan.report(output.format))
      return
    }
    // This thread only asks, waits and prints: it runs libmosquitto's loop.
    let session = try Session(options, loop: .caller)
    try session.connect()
    defer { session.close() }
    let out = StandardOutput()
    var printed = 0
    let wait = timeout ?? 10
    if let answer = try flow.ask(on: ExchangeRunner(session: session), timeout: wait) {
      output.print(answer, to: out)
      printed += 1
    }
    // The first configuration, when the request itself had no answer.
    if printed == 0 {
      guard let first = try flow.nextPush(until: .after(seconds: wait)) else {
        throw CLIError(.timeout, "no configuration from \(profile.name) within \(Seconds.format(wait)) s")
      }
      output.print(first, to: out)
      printed += 1
      if verb.request == nil && !watch {
        // Medium One: the retained updates arrive together; print them all.
        while let more = try flow.nextPush(until: .after(seconds: 0.3)) { output.print(more, to: out) }
        return
      }
    }
    guard watch else { return }
    while count.map({ printed < $0 }) ?? true {
      guard let message = try flow.nextPush(until: timeout.map { .after(seconds: $0) }) else {
        throw CLIError(.timeout, "no configuration change within \(Seconds.format(timeout ?? 0)) s; \(printed) printed")
      }
      output.print(message, to: out)
      printed += 1
    }
  }
}
