import ArgumentParser
import IotctlDevice
import IotctlMQTT

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl {
  /// `iotctl pub`: publish one message, a repeated message, or one message per stdin line.
  struct Pub: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pub",
      abstract: "Publish messages; mosquitto_pub's flags, with delivery that is confirmed or reported.",
      discussion: """
        With -l, every stdin line is one message over one connection, with at most -M messages in \
        flight (at QoS 0, at most 1024 queued for the socket). At QoS 1 or 2 the exit status is 0 \
        only if the broker acknowledged every message; otherwise iotctl names the first line not confirmed delivered.

        Line formats (--line-format): payload (the line is the payload), tsv (topic<TAB>payload), \
        jsonl ({"topic","payload","encoding","qos","retain","properties"}, the record 'iotctl sub \
        --output jsonl' prints, so captures replay as they are).

        Examples:
          iotctl pub -t sensors/1 -m '{"t":21.5}' -q 1
          iotctl pub -L mqtt://broker:1883/sensors/1 -f reading.json
          seq 1 1000 | iotctl pub -t counter -l -q 1
          iotctl sub -t 'site/#' --output jsonl -C 100 > capture.jsonl
          iotctl pub -l --line-format jsonl < capture.jsonl
        """)

    enum LineFormat: String, ExpressibleByArgument, CaseIterable {
      case payload, tsv, jsonl
    }

    enum EmptyLines: String, ExpressibleByArgument, CaseIterable {
      case skip, send
    }

    @Option(name: [.customShort("t"), .customLong("topic")], help: "Topic to publish to.")
    var topic: String?

    @OptionGroup(title: "Payload")
    var payload: PayloadOptions

    @Flag(name: [.customShort("l"), .customLong("stdin-line")], help: "Send each line of standard input as a message.")
    var lineMode = false

    @Option(name: .customLong("line-format"), help: "With -l: payload, tsv or jsonl.")
    var lineFormat: LineFormat = .payload

    @Option(
      name: .customLong("from-line"),
      help: ArgumentHelp("With -l: skip the lines before this one (as 'tail -n +N' would), to resume after a report.", valueName: "n"))
    var fromLine: UInt64 = 1

    @Option(
      name: .customLong("max-line"),
      help: ArgumentHelp("With -l: the longest line, in bytes (default: MQTT's largest payload, 268435455).", valueName: "bytes"))
    var maxLine = LineReader.mqttMaximumPayload

    @Option(name: .customLong("empty-lines"), help: "With -l: skip empty lines (noted on stderr) or send them as zero-length messages.")
    var emptyLines: EmptyLines = .skip

    @Option(name: [.customShort("q"), .customLong("qos")], help: "Quality of service: 0, 1 or 2.")
    var qos: QoS = .atMostOnce

    @Flag(name: [.customShort("r"), .customLong("retain")], help: "Ask the broker to retain the message.")
    var retain = false

    @Option(name: .customLong("repeat"), help: "Publish the message this many times.")
    var repeatCount = 1

    @Option(name: .customLong("repeat-delay"), help: ArgumentHelp("Seconds between repeats, after delivery.", valueName: "seconds"))
    var repeatDelay: Double = 0

    @Option(name: [.customShort("M"), .customLong("max-inflight")], help: "Most messages awaiting acknowledgement at once.")
    var maxInflight = ConnectOptions.defaultMaxInflight

    @Option(name: .customLong("ack-timeout"), help: ArgumentHelp("Seconds to wait for the last acknowledgements.", valueName: "seconds"))
    var ackTimeout: Double = Self.defaultAckTimeout

    /// Seconds `pub` waits for the last acknowledgements unless told otherwise.
    static let defaultAckTimeout: Double = 30

    @Option(name: .customLong("reconnect"), help: "After a lost connection: never, a number of attempts, or forever.")
    var reconnect: ReconnectPolicy = .never

    @OptionGroup(title: "Message properties (MQTT 5)")
    var properties: PublishPropertyOptions

    @Flag(name: .customLong("dry-run"), help: "Print what would be sent, and the mosquitto_pub equivalent, without connecting.")
    var dryRun = false

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Context")
    var context: ContextOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Pub.Values {
  /// At QoS 0 nothing awaits an acknowledgement, only the socket: a deeper queue keeps the network
  /// thread busy without unbounded memory.
  static let qos0QueueDepth = 1024

  func checkOptions() throws {
    try payload.validateSource(lineMode: lineMode)
    if repeatCount < 1 { throw ValidationError("--repeat must be at least 1") }
    if lineMode && (repeatCount != 1 || repeatDelay != 0) {
      throw ValidationError("--repeat and --repeat-delay do not apply to -l")
    }
    if !lineMode && (lineFormat != .payload || emptyLines != .skip || fromLine != 1 || maxLine != LineReader.mqttMaximumPayload) {
      throw ValidationError("--line-format, --empty-lines, --from-line and --max-line apply to -l only")
    }
    if fromLine < 1 { throw ValidationError("--from-line counts from 1") }
    try NumericFlags.within(maxLine, 1...LineReader.mqttMaximumPayload, "--max-line")
    if maxInflight < 1 || maxInflight > 65535 { throw ValidationError("-M must be 1-65535") }
    try NumericFlags.seconds(repeatDelay, "--repeat-delay")
    try NumericFlags.seconds(ackTimeout, "--ack-timeout", positive: true)
    try NumericFlags.within(repeatCount, 1...1_000_000_000, "--repeat")
  }

  func execute() throws {
    diagnostics.apply()
    var (options, urlTopic, publishProperties) = try connection.resolve(publishing: properties, reconnect: reconnect)
    options.maxInflight = maxInflight
    let topic = self.topic ?? urlTopic
    if let topic {
      try Topic.checkPublish(topic)
    } else if !lineMode || lineFormat == .payload {
      throw ValidationError("no topic: give -t TOPIC or a topic in the -L URL")
    }
    let single = try payload.load()
    // Reconnects keep QoS 2 exactly-once only within one session, which iotctl holds for the run.
    // Where the flags ask for a session that ends with the connection (MQTT 5's -c without -x),
    // libmosquitto's resent PUBREL reaches a broker that has forgotten the message and completes the
    // handshake for nothing.
    let mayUseQoS2 = qos == .exactlyOnce || (lineMode && lineFormat == .jsonl)
    if options.reconnect != .never && mayUseQoS2 {
      let held = options.holdSessionForRun()
      if !held && options.protocolVersion == .v5 && (options.sessionExpiry ?? 0) == 0 {
        Diagnostics.warning(
          "QoS 2 across a reconnect is exactly-once only with a session that survives the drop, and -c without -x ends it with the connection: add -x SECONDS; without it, a message whose handshake a drop cut may be lost")
      }
    }
    if dryRun {
      let shown: DryRun.Payload =
        if let single { payload.file.map { .file($0, single) } ?? .bytes(single) } else { .lines }
      let plan = DryRun(
        options: options, topic: topic ?? "(from each line)", payload: shown, qos: qos, retain: retain,
        properties: publishProperties)
      StandardOutput.print(plan.rendered)
      return
    }

    // This thread is always publishing, waiting for the broker or waiting for input (where the line
    // reader lets the session run its loop), so it can run libmosquitto's loop itself; except while it
    // sleeps between repeats.
    let session = try Session(options, loop: repeatDelay == 0 ? .caller : .thread)
    try session.connect()
    defer { session.close() }
    let defaults = OutgoingMessage(
      topic: topic ?? "", payload: [], qos: qos, retain: retain, properties: publishProperties)
    if let single {
      try publishRepeated(single, defaults: defaults, session: session)
    } else {
      try publishLines(defaults: defaults, hasTopic: topic != nil, session: session)
    }
  }

  private func publishRepeated(_ bytes: [UInt8], defaults: OutgoingMessage, session: Session) throws {
    for index in 1...repeatCount {
      try session.publish(
        topic: defaults.topic, payload: bytes, qos: qos, retain: retain, properties: defaults.properties,
        tag: UInt64(index))
      if repeatDelay > 0 && index < repeatCount {
        try session.confirmDelivery(of: index, unit: "message", waitSeconds: ackTimeout)
        Sleep.seconds(repeatDelay)
      }
    }
    try session.confirmDelivery(of: repeatCount, unit: "message", waitSeconds: ackTimeout)
  }

  private func publishLines(defaults: OutgoingMessage, hasTopic: Bool, session: Session) throws {
    let skipsEmpty = emptyLines == .skip
    let window = (acknowledged: maxInflight, unacknowledged: max(maxInflight, Self.qos0QueueDepth))
    let reader = LineReader(maximumLength: maxLine)
    reader.keepAlive(session)
    var sent = 0
    var skipped = 0
    var stopped: (any Error)?
    var nextUnsent: UInt64?
    do {
      while let line = try reader.nextBorrowed() {
        let number = reader.lineNumber
        if number < fromLine { continue }
        if line.isEmpty && lineFormat == .jsonl { continue }
        if line.isEmpty && skipsEmpty {
          skipped += 1
          continue
        }
        // Plain payload lines go out from the reader's buffer as they are: no copy, no message value.
        let message: OutgoingMessage?
        switch lineFormat {
        case .payload: message = nil
        case .tsv:
          var parsed = try MessageRecord.outgoing(fromTSVLine: Array(line), number: number)
          parsed.properties = defaults.properties
          message = parsed
        case .jsonl:
          var parsed = try MessageRecord.outgoing(
            fromJSONLine: Array(line), number: number, defaultTopic: hasTopic ? defaults.topic : nil)
          if parsed.properties.isEmpty { parsed.properties = defaults.properties }
          message = parsed
        }
        if let message, message.topic != defaults.topic {
          do throws(InvalidTopic) {
            try Topic.checkPublish(message.topic)
          } catch {
            throw CLIError.input("line \(number): \(error.description)")
          }
        }
        nextUnsent = number
        let level = message?.qos ?? qos
        if level == .atMostOnce {
          try session.waitForWindow(below: window.unacknowledged, batch: window.unacknowledged / 2)
        } else {
          try session.waitForWindow(below: window.acknowledged)
        }
        if let message {
          try session.publish(
            topic: message.topic, payload: message.payload, qos: level,
            retain: message.retain ?? retain, properties: message.properties, tag: number)
        } else {
          try session.publish(
            topic: defaults.topic, bytes: line, qos: level, retain: retain, properties: defaults.properties,
            tag: number)
        }
        nextUnsent = nil
        sent += 1
      }
    } catch {
      stopped = error
    }
    if skipped > 0 {
      Diagnostics.note("skipped \(skipped) empty lines; --empty-lines send publishes them as zero-length messages")
    }
    do {
      try session.confirmDelivery(of: sent, unit: "line", nextUnsent: nextUnsent ?? reader.lineNumber + 1, waitSeconds: ackTimeout)
    } catch {
      // Name the way to resume: the first line not confirmed is where to start again.
      if let line = error.firstUnconfirmed {
        var resumable = error
        resumable.message += "; resume with --from-line \(line)"
        throw resumable
      }
      throw error
    }
    if let refused = stopped as? MQTTError, case .qosNotSupported = refused, let nextUnsent {
      // The delivery summary, as for any other publish that failed.
      throw DeviceError(
        .publishFailed,
        "line \(nextUnsent): \(refused); the \(sent) lines before it were sent and confirmed; nothing from line \(nextUnsent) on was sent")
    }
    if let stopped { throw stopped }
  }
}
