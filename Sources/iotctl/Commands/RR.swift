import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

extension Iotctl {
  /// `iotctl rr`: publish a request and print the one reply that answers it.
  struct RR: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "rr",
      abstract: "Request/response like mosquitto_rr, but only the reply that carries this request's correlation data counts.",
      discussion: """
        rr subscribes to the response topic first, then publishes with the MQTT 5 response-topic and \
        fresh random correlation data (or --correlation-data), and prints the first reply on the \
        response topic whose correlation data matches. A retained or stale message there is ignored.

        With -V 311 there are no properties: the first non-retained message on the response topic counts; \
        --any-reply asks for that with MQTT 5 too, for responders that do not echo correlation data.

        With --dialect and --op, the request is a dialect operation that has an answer: iotctl builds \
        the topics, request id and properties, validates the payload, and matches the answer the way \
        the platform correlates it (as 'iotctl op' does).

        Examples:
          iotctl rr -t rpc/request -e rpc/response -m '{"method":"ping"}' -W 5
          iotctl rr -t rpc/request -e rpc/response -m '{}' --latency --output jsonl
          iotctl rr --dialect thingsboard --var token=$T --op rpc.client \\
            -m '{"method":"getTime","params":{}}'
        """)

    @Option(name: [.customShort("t"), .customLong("topic")], help: "Request topic.")
    var topic: String?

    @Option(name: [.customShort("e"), .customLong("response-topic")], help: "Response topic to wait on.")
    var responseTopic: String?

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(
      name: .customLong("op"), help: "The dialect's operation to run (the dialect from --dialect or the context).",
      completion: .custom { words, _, _ in DialectCompletion.operations(words) })
    var operation: String?

    @Flag(name: .customLong("no-validate"), help: "With --dialect: send even if the payload does not match the schema.")
    var noValidate = false

    @OptionGroup(title: "Payload")
    var payload: PayloadOptions

    @Flag(name: [.customShort("l"), .customLong("stdin-line")], help: "Send one request per stdin line, each waiting for its reply.")
    var lineMode = false

    @Option(name: [.customShort("q"), .customLong("qos")], help: "QoS of the request and the subscription.")
    var qos: QoS = .atMostOnce

    @Option(name: [.customShort("W"), .customLong("timeout")], help: ArgumentHelp("Seconds to wait for each reply (0 waits forever).", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(
      name: .customLong("any-reply"),
      help: "Accept the first non-retained reply on the response topic, with or without our correlation data (as -V 311 does).")
    var anyReply = false

    @Flag(name: .customLong("latency"), help: "Report the round-trip time (stderr, or latency_ms in JSON Lines).")
    var latency = false

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

    @OptionGroup(title: "Message properties (MQTT 5)")
    var properties: PublishPropertyOptions

    @Flag(name: .customLong("dry-run"), help: "Print the request that would be sent, and the mosquitto_rr equivalent, without connecting (as JSON with --output jsonl).")
    var dryRun = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.RR.Values {
  func checkOptions() throws {
    if dialect.isGiven || operation != nil {
      if operation == nil { throw ValidationError("--dialect needs --op OPERATION") }
      if anyReply { throw ValidationError("--any-reply is for raw requests: an operation's answer is matched as its platform correlates it") }
      if topic != nil || responseTopic != nil || lineMode {
        throw ValidationError("with --dialect the topics come from the operation: leave out -t, -e and -l")
      }
      if [payload.message != nil, payload.file != nil, payload.stdinWhole, payload.nullMessage].filter({ $0 }).count > 1 {
        throw ValidationError("give only one of -m, -f, -s and -n")
      }
    } else {
      if noValidate { throw ValidationError("--no-validate goes with --op") }
      if responseTopic == nil { throw ValidationError("missing -e RESPONSE_TOPIC (or use --dialect and --op)") }
      try payload.validateSource(lineMode: lineMode)
    }
    try NumericFlags.seconds(timeout, "-W")
  }

  private func runOperation() throws {
    let profile = try dialect.profile()
    var call = try OperationCall(profile: profile, bindings: try dialect.bindings(for: profile), operation: operation!)
    guard call.exchange.expectsReply else {
      throw CLIError.usage("\(operation!) of dialect \(profile.name) has no answer to wait for; use 'iotctl op \(operation!)'")
    }
    try call.execute(
      payload: try payload.load(), validate: !noValidate, dryRun: dryRun, timeout: timeout, connection: connection,
      properties: properties, output: output)
  }

  func execute() throws {
    diagnostics.apply()
    if operation != nil { return try runOperation() }
    let responseTopic = self.responseTopic!
    var (options, urlTopic, publishProperties) = try connection.resolve(publishing: properties, defaultVersion: .v5)
    options.bound(by: timeout)
    // A request waits on every packet: see ConnectOptions.quickAck.
    options.answerAtOnce()
    guard let topic = topic ?? urlTopic else { throw ValidationError("no request topic: give -t TOPIC") }
    try Topic.checkPublish(topic)
    try Topic.checkPublish(responseTopic)
    let single = try payload.load()
    if dryRun {
      let shown: DryRun.Payload =
        if let single { payload.file.map { .file($0, single) } ?? .bytes(single) } else { .lines }
      let plan = DryRun(
        options: options, topic: topic, payload: shown, qos: qos, retain: false, properties: publishProperties,
        responseTopic: responseTopic)
      StandardOutput.print(plan.report(output.format))
      return
    }
    if options.protocolVersion != .v5 {
      Diagnostics.warning("MQTT \(options.protocolVersion.rawValue) has no correlation data; the first non-retained reply counts")
    }

    // This thread only publishes, waits for replies and (with -l) waits for input, where the line reader
    // lets the session run: it runs libmosquitto's loop itself.
    let session = try Session(options, loop: .caller)
    try session.connect()
    defer { session.close() }
    try session.subscribe([responseTopic], qos: qos)
    let runner = ExchangeRunner(session: session)
    let stdout = StandardOutput()
    var sent = 0
    if let single {
      try exchange(single, number: 1, topic: topic, base: publishProperties, runner: runner, stdout: stdout)
      sent = 1
    } else {
      let reader = LineReader()
      reader.keepAlive(session)
      while let line = try reader.next() {
        try exchange(line, number: reader.lineNumber, topic: topic, base: publishProperties, runner: runner, stdout: stdout)
        sent += 1
      }
    }
    try session.confirmDelivery(of: sent, unit: "request", waitSeconds: max(timeout, 10))
  }

  /// One request and its reply, correlated by the device layer's engine (``ExchangeRunner``).
  private func exchange(
    _ request: [UInt8], number: UInt64, topic: String, base: MessageProperties, runner: ExchangeRunner,
    stdout: StandardOutput
  ) throws {
    let responseTopic = self.responseTopic!
    let started = Deadline.now
    let deadline = timeout > 0 ? Deadline.after(seconds: timeout) : nil
    let correlation = try runner.sendRequest(
      topic: topic, payload: request, qos: qos, responseTopic: responseTopic, properties: base, tag: number)
    guard let reply = try runner.awaitReply(on: responseTopic, correlation: anyReply ? nil : correlation, until: deadline)
    else {
      throw CLIError(
        .timeout, "no reply on '\(responseTopic)' within \(Seconds.format(timeout)) s for request \(number) to '\(topic)'"
          + unmatched(runner.unmatchedReplies(on: responseTopic), correlated: correlation != nil))
    }
    var extra: [(String, JSONValue)] = []
    if latency {
      let rounded = (Deadline.now.seconds(since: started) * 1000 * 1000).rounded() / 1000
      extra.append(("latency_ms", .number(JSONNumber(rounded) ?? JSONNumber(0))))
      if output.format == .text { Diagnostics.note("latency: \(rounded) ms") }
    }
    output.print(reply, to: stdout, extra: extra)
  }

  /// What came on the response topic that was not our reply, and how to accept it.
  private func unmatched(_ counts: (withoutCorrelation: Int, otherCorrelation: Int), correlated: Bool) -> String {
    guard correlated, !anyReply else { return "" }
    var parts: [String] = []
    if counts.withoutCorrelation > 0 {
      let replies = counts.withoutCorrelation == 1 ? "1 reply" : "\(counts.withoutCorrelation) replies"
      parts.append("\(replies) arrived without correlation data (the responder does not echo it): accept with --any-reply")
    }
    if counts.otherCorrelation > 0 {
      let replies = counts.otherCorrelation == 1 ? "1 reply" : "\(counts.otherCorrelation) replies"
      parts.append("\(replies) carried another request's correlation data")
    }
    return parts.isEmpty ? "" : "; " + parts.joined(separator: "; ")
  }
}
