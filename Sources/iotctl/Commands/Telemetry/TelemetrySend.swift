import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl.Telemetry {
  /// `iotctl telemetry send`.
  struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "send",
      abstract: "Send values as the dialect's telemetry: shaped, timestamped, validated, then published.",
      discussion: """
        Values come as key=value words (numbers, true/false and JSON are typed; the rest are strings), \
        a JSON object argument, -f FILE, -s (stdin), or --lines (one JSON object per stdin line, over one \
        connection). The dialect wraps them: ThingsBoard {"ts","values"}, Kaa [{"ts",...}], Xyte \
        {"status","timestamp","telemetries"} with its user properties, Medium One {"event_data", \
        "observed_at"} in microseconds, EdgeIQ reports (--as heartbeat for heartbeats). --raw sends \
        the JSON as it is.

        Every payload is checked against the operation's schema first. With --lines an invalid line is \
        reported by number; --on-invalid abort (the default) stops there, skip sends the rest; either way \
        every valid line before it is delivered and the exit status is 10.

        Examples:
          iotctl telemetry send --dialect thingsboard --var token=$T \\
            temperature=21.5 door=open --now
          iotctl telemetry send --dialect kaa --var app=demo_v1 --var token=$K \\
            --ack '{"t": 21}'
          iotctl telemetry send --dialect xyte --var id=$ID \\
            --var-file access_key=key.txt fan_speed=80
          sensor-reader | iotctl telemetry send --dialect mediumone \\
            --var project=p --var user=u --lines --now
          iotctl telemetry send --dialect edgeiq --var company=c --var device=d \\
            --as heartbeat cpu_usage=12.5
        """)

    enum OnInvalid: String, ExpressibleByArgument, CaseIterable {
      case abort, skip
    }

    @Argument(help: ArgumentHelp("key=value words, or one JSON object.", valueName: "values"))
    var values: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], help: "Read the values (a JSON object) from a file.", completion: .file())
    var file: String?

    @Flag(name: [.customShort("s"), .customLong("stdin-file")], help: "Read the values (a JSON object) from stdin.")
    var stdinWhole = false

    @Flag(name: .customLong("lines"), help: "Send one message per stdin line (JSON Lines) over one connection.")
    var lines = false

    @Option(name: .customLong("as"), help: "A telemetry kind of the dialect other than its first (edgeiq: heartbeat; thingsboard: attributes).")
    var kind: String?

    @Flag(name: .customLong("raw"), help: "Send the JSON as it is, without the dialect's wrapping (still validated).")
    var raw = false

    @Option(name: .customLong("ts"), help: ArgumentHelp("Timestamp: milliseconds since the epoch.", valueName: "ms"))
    var timestamp: Int?

    @Flag(name: .customLong("now"), help: "Timestamp each message with the current time.")
    var now = false

    @Option(name: .customLong("status"), help: "Xyte: the device status sent with the values.")
    var status = "online"

    @Flag(name: .customLong("ack"), help: "Wait for the platform's confirmation where it has one (Kaa /status or /error).")
    var ack = false

    @Option(name: .customLong("on-invalid"), help: "With --lines: abort at an invalid line, or skip it and send the rest.")
    var onInvalid: OnInvalid = .abort

    @Option(name: .customLong("every"), help: ArgumentHelp("Repeat the send at this interval (500ms, 5s, 1m).", valueName: "duration"))
    var every: String?

    @Option(name: .customLong("count"), help: "With --every: how many sends (default: until stopped).")
    var count: Int?

    @Option(name: [.customShort("M"), .customLong("max-inflight")], help: "With --lines: most messages awaiting acknowledgement.")
    var maxInflight = ConnectOptions.defaultMaxInflight

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @OptionGroup(title: "Request")
    var request: SendOptions

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

    @OptionGroup(title: "Message properties (MQTT 5)")
    var properties: PublishPropertyOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Telemetry.Send.Values {
  func checkOptions() throws {
    let sources = [!values.isEmpty, file != nil, stdinWhole, lines].filter { $0 }.count
    if sources == 0 { throw ValidationError("no values: give key=value words, a JSON object, -f, -s or --lines") }
    if sources > 1 { throw ValidationError("give the values one way: words, -f, -s or --lines") }
    // Up to the end of the year 9999, which every timestamp format the dialects use can write.
    try NumericFlags.within(timestamp, 0...253_402_300_799_999, "--ts")
    try NumericFlags.within(count, 1...Int(Int32.max), "--count")
    if timestamp != nil && now { throw ValidationError("give --ts or --now, not both") }
    if let every, DurationArgument(every) == nil { throw ValidationError("--every takes a duration such as 500ms, 5s or 1m") }
    if count != nil && every == nil { throw ValidationError("--count goes with --every") }
    if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    if lines && every != nil { throw ValidationError("--every does not apply to --lines") }
    if maxInflight < 1 || maxInflight > 65535 { throw ValidationError("-M must be 1-65535") }
  }

  func execute() throws {
    diagnostics.apply()
    let profile = try dialect.profile()
    let bindings = try dialect.bindings(for: profile)
    var compiler = TopicCompiler(bindings: bindings)
    var sender = try TelemetrySender(
      compiler: compiler, kind: kind, raw: raw, status: status, validate: !request.noValidate, ack: ack)
    let template = try compiler.compile(sender.operation.name, withRequestID: ack)
    let (options, publishProperties) = try OperationCall(compiled: template, compiler: compiler)
      .connectOptions(connection, properties: properties)
    if lines {
      try sendLines(sender: &sender, options: options, properties: publishProperties)
      return
    }
    let input = try singleInput()
    let interval = every.flatMap(DurationArgument.init)?.seconds
    // Shaped and validated before connecting, so a bad payload never needs a broker.
    let time = clock
    var message = try sender.message(input, time: time())
    if request.dryRun {
      let call = OperationCall(compiled: message.compiled, compiler: compiler)
      StandardOutput.print(call.dryRun(options: options, payload: message.payload, properties: publishProperties, validated: !request.noValidate).report(output.format))
      return
    }
    // Without --every this thread only publishes and waits, so it runs libmosquitto's loop itself.
    let session = try Session(options, loop: interval == nil ? .caller : .thread)
    try session.connect()
    defer { session.close() }
    var sent = 0
    while true {
      if sent > 0 { message = try sender.message(input, time: time()) }
      let call = OperationCall(compiled: message.compiled, compiler: compiler)
      if let reply = try call.run(session: session, payload: message.payload, properties: publishProperties, timeout: request.timeout),
        output.format == .jsonl
      {
        output.print(reply, to: StandardOutput())
      }
      sent += 1
      guard let interval, count.map({ sent < $0 }) ?? true else { break }
      Sleep.seconds(interval)
    }
  }

  /// Each message's time: the fixed --timestamp, the clock (--now), or none. Taken once before a loop.
  private var clock: () -> WallTime? {
    if let timestamp {
      let fixed = WallTime(seconds: timestamp / 1000, nanoseconds: (timestamp % 1000) * 1_000_000)
      return { fixed }
    }
    let clock = CommandEnvironment.current.now
    return now ? { clock() } : { nil }
  }

  /// The values given as words, an argument, a file or stdin.
  private func singleInput() throws -> JSONValue {
    if values.count == 1, let first = values.first?.first, first == "{" || first == "[" {
      return try Input.json(Array(values[0].utf8), what: "the values argument")
    }
    if !values.isEmpty {
      switch TelemetryShape.values(fromPairs: values) {
      case .success(let object): return object
      case .failure(let bad): throw CLIError.usage("'\(bad.word)' is not key=value (or pass one JSON object)")
      }
    }
    if let file { return try Input.json(try Input.readFile(file, purpose: "values file"), what: "'\(file)'") }
    return try Input.json(try Input.readAll(fd: CommandEnvironment.current.input, name: "standard input"), what: "standard input")
  }

  private func sendLines(sender: inout TelemetrySender, options: ConnectOptions, properties: MessageProperties) throws {
    var options = options
    options.maxInflight = maxInflight
    // A stream without --ack waits for nothing but acknowledgements: let TCP coalesce small packets.
    options.noDelay = ack || connection.noDelay
    // As in `pub -l`, the loop runs on this thread, and while stdin is quiet the reader lets it run.
    let session = request.dryRun ? nil : try Session(options, loop: .caller)
    try session?.connect()
    defer { session?.close() }
    let runner = session.map(ExchangeRunner.init)
    let (abortsOnInvalid, time) = (onInvalid == .abort, clock)
    let reader = LineReader()
    if let session { reader.keepAlive(session) }
    let out = StandardOutput()
    var sent = 0
    var invalid: [UInt64] = []
    while let line = try reader.next() {
      let number = reader.lineNumber
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let message: TelemetrySender.Message
      do {
        message = try sender.message(try Input.json(line, what: "the line"), time: time())
      } catch {
        // A line that is not JSON or breaks the schema is the line's problem; anything else ends the run.
        let lineProblem =
          (error as? DeviceError).map { $0.kind == .schemaViolation || $0.kind == .input } ?? ((error as? CLIError)?.status == .input)
        guard lineProblem else { throw error }
        invalid.append(number)
        Diagnostics.error("line \(number): \(error)")
        if abortsOnInvalid { break }
        continue
      }
      guard let session, let runner else {
        out.write("line \(number): \(sender.compiler.bindings.masking(message.compiled.topic)) \(String(decoding: message.payload, as: UTF8.self))\n")
        continue
      }
      if ack {
        let call = OperationCall(compiled: message.compiled, compiler: sender.compiler)
        _ = try call.run(session: session, payload: message.payload, properties: properties, timeout: request.timeout)
      } else {
        try session.waitForWindow(below: maxInflight)
        try runner.send(message.compiled, payload: message.payload, qos: message.qos, properties: properties, tag: number)
      }
      sent += 1
    }
    out.flush()
    if let session {
      try session.confirmDelivery(of: sent, unit: "line", waitSeconds: max(request.timeout, 30))
    }
    if let first = invalid.first {
      let what = abortsOnInvalid ? "stopped at line \(first)" : "skipped \(invalid.count) invalid line\(invalid.count == 1 ? "" : "s") (first: \(first))"
      throw CLIError(.schemaViolation, "\(what); \(sent) valid line\(sent == 1 ? " was" : "s were") sent and acknowledged")
    }
  }
}
