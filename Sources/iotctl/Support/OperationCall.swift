import IotctlCore
import IotctlMQTT
import IotctlSchema

/// One dialect operation run end to end: compile, shape the payload, validate, connect with the dialect's
/// credentials, send, and wait for the reply the exchange pattern promises. `op`, `rr --dialect` and the
/// device verbs all go through it.
struct OperationCall {
  var profile: DialectProfile
  var compiler: TopicCompiler
  var compiled: CompiledOperation

  init(profile: DialectProfile, bindings: VariableBindings, operation name: String, requestID: Int? = nil) throws {
    self.profile = profile
    compiler = TopicCompiler(bindings: bindings)
    compiled = try compiler.compile(name, requestID: requestID)
    guard compiled.operation.direction == .up else {
      let filter = Secrets.masking(compiled.topic, bindings.secretValues)
      throw CLIError.usage("\(name) of dialect \(profile.name) is sent by the platform; subscribe to it (iotctl sub -t '\(filter)')")
    }
  }

  /// An operation already compiled by `compiler`.
  init(compiled: CompiledOperation, compiler: TopicCompiler, profile: DialectProfile) {
    self.profile = profile
    self.compiler = compiler
    self.compiled = compiled
  }

  var secrets: [String] { compiler.bindings.secretValues }

  /// The payload to send: JSON gets the request id where the pattern carries it, then is checked against
  /// the operation's schema unless `validate` is false.
  func payload(_ bytes: [UInt8], validate: Bool) throws -> [UInt8] {
    let operation = compiled.operation
    var bytes = bytes
    if operation.message.payload == .json, let value = try? JSONParser.parse(bytes) {
      let shaped = ExchangeRunner.payload(value, for: compiled)
      if shaped != value { bytes = shaped.jsonBytes }
    }
    guard validate else { return bytes }
    switch try PayloadCheck(operation.message).check(bytes) {
    case .valid:
      return bytes
    case .malformed(let problem):
      throw CLIError(.input, "payload for \(profile.name) \(operation.name) \(problem)")
    case .invalid(let errors):
      throw Self.schemaViolation(profile: profile, operation: operation, errors: errors)
    }
  }

  /// The one-line error for a payload that breaks its operation's schema.
  static func schemaViolation(profile: DialectProfile, operation: Operation, errors: [ValidationError]) -> CLIError {
    let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
    return CLIError(
      .schemaViolation,
      "payload for \(profile.name) \(operation.name) does not match its schema: \(errors[0])\(more); fix it or pass --no-validate")
  }

  /// The session options: the command line's, completed by the dialect's broker and credentials.
  func connectOptions(_ connection: ConnectionOptions, properties: PublishPropertyOptions) throws -> (ConnectOptions, MessageProperties) {
    let dialect = try compiler.connection()
    var (options, _, publish) = try connection.resolve(publishing: properties, dialect: dialect)
    // Requests wait for answers: small packets must not sit in Nagle's buffer.
    options.noDelay = true
    return (options, publish)
  }

  var qos: QoS { QoS(rawValue: Int32(compiled.qos)) ?? .atLeastOnce }

  /// The dry-run report for this call.
  func dryRun(options: ConnectOptions, payload: [UInt8], properties: MessageProperties, validated: Bool) -> DryRun {
    var properties = properties
    for (name, value) in compiled.userProperties { properties.userProperties.append(UserProperty(name, value)) }
    let facts = DryRun.OperationFacts(
      dialect: profile.name, name: compiled.operation.name, pattern: compiled.operation.pattern.rawValue,
      validation: validated ? (compiled.operation.message.schema == nil ? "no schema for this payload" : "valid") : "skipped (--no-validate)",
      errorTopic: compiled.errorTopic, requestID: compiled.requestID)
    let waits = ExchangeRunner.expectsReply(compiled)
    return DryRun(
      options: options, topic: compiled.topic, payload: .bytes(payload), qos: qos, retain: compiled.retain,
      properties: properties, responseTopic: waits ? compiled.responseTopic : nil, secrets: secrets, operation: facts)
  }

  /// Validates, then prints the dry run or runs the exchange and prints the answer. Returns the answer (nil
  /// for a dry run or an operation without one) and the session options it used.
  @discardableResult
  func execute(
    payload raw: [UInt8], validate: Bool, dryRun: Bool, timeout: Double, connection: ConnectionOptions,
    properties: PublishPropertyOptions, output: OutputFormatOptions
  ) throws -> (reply: Message?, options: ConnectOptions) {
    let bytes = try payload(raw, validate: validate)
    let (options, publishProperties) = try connectOptions(connection, properties: properties)
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
    let runner = ExchangeRunner(session: session)
    let waits = ExchangeRunner.expectsReply(compiled)
    if waits { try runner.prepare(compiled, qos: qos) }
    let correlation = try runner.send(compiled, payload: payload, qos: qos, retain: compiled.retain, properties: properties, tag: 1)
    guard waits else {
      try DeliveryCheck.verify(session, total: 1, unit: "message", waitSeconds: max(timeout, 10))
      return nil
    }
    let deadline = timeout > 0 ? Deadline.after(seconds: timeout) : nil
    switch try runner.awaitReply(for: compiled, correlation: correlation, until: deadline) {
    case .answer(let message)?:
      return message
    case .platformError(let message)?:
      let text = Secrets.masking(String(decoding: message.payload, as: UTF8.self), secrets)
      throw CLIError(.platformError, "\(profile.name) answered \(compiled.operation.name) with an error on '\(Secrets.masking(message.topic, secrets))': \(text)")
    case nil:
      let topic = Secrets.masking(compiled.responseTopic ?? "", secrets)
      throw CLIError(.timeout, "no answer to \(profile.name) \(compiled.operation.name) on '\(topic)' within \(formatSeconds(timeout)) s")
    }
  }
}
