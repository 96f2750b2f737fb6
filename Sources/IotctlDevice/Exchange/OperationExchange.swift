import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// One compiled operation, run on a session: the payload completed and checked, the request sent with the
/// dialect's user properties, and the answer its exchange pattern promises picked out and judged. `op`,
/// `rr --dialect`, the device verbs and the simulator all run operations through it.
public struct OperationExchange {
  public var compiler: TopicCompiler
  public var compiled: CompiledOperation

  public var profile: DialectProfile { compiler.profile }
  public var operation: Operation { compiled.operation }
  public var qos: QoS { QoS(rawValue: Int32(clamping: compiled.qos)) ?? .atLeastOnce }

  public init(compiled: CompiledOperation, compiler: TopicCompiler) {
    self.compiler = compiler
    self.compiled = compiled
  }

  /// Compiles `name` for sending.
  public init(_ name: String, compiler: TopicCompiler, requestID: Int? = nil) throws {
    var compiler = compiler
    let compiled = try compiler.compile(name, requestID: requestID)
    guard compiled.operation.direction == .up else {
      throw DeviceError(
        .usage,
        "\(name) of dialect \(compiler.profile.name) is sent by the platform; subscribe to it (iotctl sub -t '\(compiler.bindings.masking(compiled.topic))')")
    }
    self.init(compiled: compiled, compiler: compiler)
  }

  /// The payload to send: the operation's default when none is given; JSON gets the request id where the
  /// pattern carries it (a request id already in the payload is the one the answer is matched by); then
  /// it is checked against the schema and the platform's limits unless `validate` is false.
  public mutating func payload(_ given: [UInt8]?, validate: Bool) throws(DeviceError) -> [UInt8] {
    var bytes = given ?? operation.defaultPayloadBytes
    if operation.message.payload.isJSON, !bytes.isEmpty, let value = try? JSONParser.parse(bytes) {
      let shaped = Self.payload(value, for: &compiled)
      if shaped != value { bytes = shaped.jsonBytes }
    }
    guard validate else { return bytes }
    let check: PayloadCheck
    do { check = try PayloadCheck(operation.message) } catch { throw DeviceError(.input, error.message) }
    try Self.judge(check.check(bytes), profile: profile, operation: operation)
    return bytes
  }

  /// Throws the error a verdict stands for, naming the dialect and operation.
  public static func judge(_ verdict: PayloadCheck.Verdict, profile: DialectProfile, operation: Operation) throws(DeviceError) {
    switch verdict {
    case .valid:
      return
    case .malformed(let problem):
      throw DeviceError(.input, "payload for \(profile.name) \(operation.name) \(problem)")
    case .invalid(let errors):
      let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
      throw DeviceError(
        .schemaViolation,
        "payload for \(profile.name) \(operation.name) does not match its schema: \(errors[0])\(more); fix it or pass --no-validate")
    case .overLimit(let problem):
      throw DeviceError(
        .schemaViolation, "payload for \(profile.name) \(operation.name) is \(problem); split it or send less")
    }
  }

  /// `value` with the request id where the pattern carries it in the payload. When the payload already
  /// has one, that id becomes the compiled request's, so that the answer is matched by it.
  public static func payload(_ value: JSONValue, for compiled: inout CompiledOperation) -> JSONValue {
    guard let field = compiled.operation.requestIDField, compiled.requestID != nil, case .object(var object) = value
    else { return value }
    if let given = object[field] {
      if let id = given.numberValue?.intValue { compiled.requestID = id }
      return value
    }
    object[field] = .number(JSONNumber(compiled.requestID!))
    return .object(object)
  }

  /// Whether the operation has an answer to wait for.
  public var expectsReply: Bool { ExchangeRunner.expectsReply(compiled) }

  /// Sends the request on `session` and returns the answer (nil for an operation without one, once the
  /// broker acknowledged it at QoS 1 or 2). A platform error, or an answer that fails the response's
  /// `successWhen`, throws ``DeviceError/Kind/platformError``.
  public func run(
    on runner: ExchangeRunner, payload: [UInt8], properties: MessageProperties = MessageProperties(), timeout: Double
  ) throws -> Message? {
    let waits = expectsReply
    if waits { try runner.prepare(compiled, qos: qos) }
    let correlation = try runner.send(
      compiled, payload: payload, qos: qos, retain: compiled.retain, properties: properties, tag: 1)
    let masking = compiler.bindings.masking
    guard waits else {
      try runner.session.confirmDelivery(of: 1, unit: "message", waitSeconds: max(timeout, 10))
      return nil
    }
    let deadline = timeout > 0 ? Deadline.after(seconds: timeout) : nil
    switch try runner.awaitReply(for: compiled, correlation: correlation, until: deadline) {
    case .answer(let message)?:
      if let response = operation.response, !response.successWhen.required.isEmpty {
        let value = try? JSONParser.parse(message.payload)
        if value.map(response.successWhen.hold) != true {
          throw DeviceError(
            .platformError,
            "\(profile.name) answered \(operation.name) with an error: \(masking(String(decoding: message.payload.prefix(500), as: UTF8.self)))")
        }
      }
      return message
    case .platformError(let message)?:
      let text = masking(String(decoding: message.payload.prefix(500), as: UTF8.self))
      throw DeviceError(
        .platformError, "\(profile.name) answered \(operation.name) with an error on '\(masking(message.topic))': \(text)")
    case nil:
      let topic = masking(compiled.responseTopic ?? "")
      throw DeviceError(
        .timeout, "no answer to \(profile.name) \(operation.name) on '\(topic)' within \(Seconds.format(timeout)) s")
    }
  }
}
