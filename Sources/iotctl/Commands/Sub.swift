import ArgumentParser
import IotctlMQTT

extension Iotctl {
  /// `iotctl sub`: subscribe and print messages until a count, a timeout, or forever.
  struct Sub: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sub",
      abstract: "Subscribe and print messages; mosquitto_sub's flags, with JSON Lines and bounded reconnects.",
      discussion: """
        --output jsonl prints one record per message: topic, qos, retain, received_at, payload with \
        an explicit encoding (utf8, or base64 for binary), payload_length, and MQTT 5 properties.

        -W ends with status 27 when the time runs out before -C messages arrived (or at all without -C).

        Examples:
          iotctl sub -t 'sensors/#' -v
          iotctl sub -t config/device-1 -C 1 -W 10      # first message or fail
          iotctl sub -t 'site/#' -T 'site/debug/#' --output jsonl
        """)

    @Option(name: [.customShort("t"), .customLong("topic")], help: "Topic filter to subscribe to (repeatable).")
    var topics: [String] = []

    @Option(name: [.customShort("T"), .customLong("filter-out")], help: "Do not print topics matching this filter (repeatable).")
    var filterOut: [String] = []

    @Option(name: [.customShort("q"), .customLong("qos")], help: "Subscription QoS: 0, 1 or 2.")
    var qos: QoS = .atMostOnce

    @Option(name: [.customShort("C"), .customLong("count")], help: "Exit after printing this many messages.")
    var count: Int?

    @Option(name: [.customShort("W"), .customLong("timeout")], help: ArgumentHelp("Exit with status 27 after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: [.customShort("R"), .customLong("no-retained")], help: "Do not print retained (stale) messages.")
    var skipRetained = false

    @Flag(name: [.customShort("E"), .customLong("exit-after-subscribe")], help: "Exit once the subscription is acknowledged.")
    var exitAfterSubscribe = false

    @Option(name: .customLong("reconnect"), help: "After a lost connection: never, a number of attempts, or forever.")
    var reconnect: ReconnectPolicy = .never

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

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

extension Iotctl.Sub.Values {
  func checkOptions() throws {
    if let count, count < 1 { throw ValidationError("-C must be at least 1") }
    try NumericFlags.seconds(timeout, "-W", positive: true)
  }

  func execute() throws {
    diagnostics.apply()
    var (options, urlTopic) = try connection.resolve(reconnect: reconnect)
    options.bound(by: timeout)
    let filters = topics + (urlTopic.map { [$0] } ?? [])
    guard !filters.isEmpty else { throw ValidationError("no topic: give -t FILTER or a topic in the -L URL") }
    for filter in filters + filterOut { try Topic.checkFilter(filter) }
    let deadline = timeout.map { Deadline.after(seconds: $0) }

    // This thread only waits for messages and prints them, as mosquitto_sub's does: it runs libmosquitto's loop.
    let session = try Session(options, loop: .caller)
    try session.connect()
    defer { session.close() }
    try session.subscribe(filters, qos: qos)
    Diagnostics.debug("subscribed to \(filters.joined(separator: ", "))")
    if exitAfterSubscribe { return }

    let stdout = StandardOutput()
    var printed = 0
    while count.map({ printed < $0 }) ?? true {
      guard let message = try session.nextMessage(until: deadline) else {
        let progress = count.map { ", \(printed) of \($0) messages received" } ?? ""
        Diagnostics.note("timed out after \(Seconds.format(timeout ?? 0)) s\(progress)")
        throw ExitStatus.timeout
      }
      if skipRetained && message.retain { continue }
      if filterOut.contains(where: { Topic.matches(message.topic, filter: $0) }) { continue }
      output.print(message, to: stdout)
      printed += 1
    }
  }
}
