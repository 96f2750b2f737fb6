import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// One dialect operation as the command line runs it: the device layer's ``OperationExchange`` plus the
/// connection options from flags, the dry-run report and output. `op`, `rr --dialect` and the device verbs
/// go through it.
struct OperationCall {
  var exchange: OperationExchange

  var profile: DialectProfile { exchange.profile }
  var compiler: TopicCompiler { exchange.compiler }
  var compiled: CompiledOperation { exchange.compiled }
  var secrets: [String] { compiler.bindings.secretValues }
  var qos: QoS { exchange.qos }

  init(profile: DialectProfile, bindings: VariableBindings, operation name: String, requestID: Int? = nil) throws {
    exchange = try OperationExchange(name, compiler: TopicCompiler(bindings: bindings), requestID: requestID)
  }

  /// An operation already compiled by `compiler`.
  init(compiled: CompiledOperation, compiler: TopicCompiler) {
    exchange = OperationExchange(compiled: compiled, compiler: compiler)
  }

  /// The payload to send (``OperationExchange/payload(_:validate:)``); nil sends the operation's default.
  mutating func payload(_ bytes: [UInt8]?, validate: Bool) throws -> [UInt8] {
    try exchange.payload(bytes, validate: validate)
  }

  /// The session options: the command line's, completed by the dialect's broker and credentials.
  func connectOptions(_ connection: ConnectionOptions.Values, properties: PublishPropertyOptions.Values) throws -> (ConnectOptions, MessageProperties) {
    let dialect = try compiler.connection()
    var (options, _, publish) = try connection.resolve(publishing: properties, dialect: dialect)
    // Requests wait for answers: small packets must not sit in Nagle's buffer.
    options.answerAtOnce()
    return (options, publish)
  }

  /// The dry-run report for this call.
  func dryRun(options: ConnectOptions, payload: [UInt8], properties: MessageProperties, validated: Bool) -> DryRun {
    var properties = properties
    for (name, value) in compiled.userProperties { properties.userProperties.append(UserProperty(name, value)) }
    let facts = DryRun.OperationFacts(
      dialect: profile.name, name: compiled.operation.name, pattern: compiled.operation.pattern.rawValue,
      validation: validated ? (compiled.operation.message.schema == nil ? "no schema for this payload" : "valid") : "skipped (--no-validate)",
      errorTopic: compiled.errorTopic, requestID: compiled.requestID)
    let waits = exchange.expectsReply
    return DryRun(
      options: options, topic: compiled.topic, payload: .bytes(payload), qos: qos, retain: compiled.retain,
      properties: properties, responseTopic: waits ? compiled.responseTopic : nil, secrets: secrets, operation: facts)
  }

  /// Validates, then prints the dry run or runs the exchange and prints the answer. Returns the answer (nil
  /// for a dry run or an operation without one) and the session options it used.
  @discardableResult
  mutating func execute(
    payload raw: [UInt8]?, validate: Bool, dryRun: Bool, timeout: Double, connection: ConnectionOptions.Values,
    properties: PublishPropertyOptions.Values, output: OutputFormatOptions.Values
  ) throws -> (reply: Message?, options: ConnectOptions) {
    let bytes = try payload(raw, validate: validate)
    var (options, publishProperties) = try connectOptions(connection, properties: properties)
    options.bound(by: timeout)
    if dryRun {
      StandardOutput.print(self.dryRun(options: options, payload: bytes, properties: publishProperties, validated: validate).report(output.format))
      return (nil, options)
    }
    // One request and its answer: this thread only publishes and waits, so it runs libmosquitto's loop.
    let session = try Session(options, loop: .caller)
    try session.connect()
    defer { session.close() }
    let reply = try run(session: session, payload: bytes, properties: publishProperties, timeout: timeout)
    if let reply { output.print(reply, to: StandardOutput()) }
    return (reply, options)
  }

  /// Sends the request and returns the reply (or `nil` for an operation without one, once delivered).
  func run(session: Session, payload: [UInt8], properties: MessageProperties, timeout: Double) throws -> Message? {
    try exchange.run(on: ExchangeRunner(session: session), payload: payload, properties: properties, timeout: timeout)
  }
}
