import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// What came back for a request.
public enum ExchangeReply: Sendable {
  /// The platform's answer on the response topic.
  case answer(Message)
  /// The platform's error answer (Kaa's `/error`).
  case platformError(Message)
}

/// Runs compiled operations over one session: subscribes to where answers come back before sending,
/// sends with the dialect's user properties, and picks out the reply that belongs to the request by the
/// operation's exchange pattern. One runner serves many exchanges on the same session.
public final class ExchangeRunner {
  public let session: Session
  private var subscribed: Set<String> = []
  /// Messages that arrived while waiting for another exchange's reply.
  private var early: [Message] = []

  public init(session: Session) { self.session = session }

  /// Whether the operation has an answer to wait for.
  public static func expectsReply(_ compiled: CompiledOperation) -> Bool {
    compiled.operation.direction == .up && compiled.responseTopic != nil
      && (compiled.requestID != nil || compiled.operation.pattern == .paired || compiled.operation.pattern == .mqtt5Response)
  }

  /// Subscribes to the operation's response and error topics, once per topic.
  public func prepare(_ compiled: CompiledOperation, qos: QoS) throws(MQTTError) {
    let filters = [compiled.responseTopic, compiled.errorTopic].compactMap { $0 }.filter { !subscribed.contains($0) }
    guard !filters.isEmpty else { return }
    try session.subscribe(filters, qos: qos)
    subscribed.formUnion(filters)
  }

  /// Publishes the request. Returns the correlation data it carries (MQTT 5 response pattern), if any.
  @discardableResult
  public func send(
    _ compiled: CompiledOperation, payload: [UInt8], qos: QoS, retain: Bool = false,
    properties extra: MessageProperties = MessageProperties(), tag: UInt64 = 0
  ) throws(MQTTError) -> [UInt8]? {
    var properties = extra
    for (name, value) in compiled.userProperties { properties.userProperties.append(UserProperty(name, value)) }
    var correlation: [UInt8]? = nil
    if compiled.operation.pattern == .mqtt5Response, let response = compiled.responseTopic {
      correlation = properties.correlationData ?? Correlation.random()
      properties.responseTopic = response
      properties.correlationData = correlation
    }
    try session.publish(topic: compiled.topic, payload: payload, qos: qos, retain: retain, properties: properties, tag: tag)
    return correlation
  }

  /// The reply to the request, or `nil` when `deadline` passes first.
  public func awaitReply(
    for compiled: CompiledOperation, correlation: [UInt8]?, until deadline: Deadline?
  ) throws(MQTTError) -> ExchangeReply? {
    try awaitMatch(until: deadline) { classify($0, compiled, correlation) }
  }

  /// Publishes a raw request (`rr`): under MQTT 5 with `responseTopic` and correlation data (the given
  /// ones, or 16 random bytes), which it returns; under 3.1.1 as it is.
  public func sendRequest(
    topic: String, payload: [UInt8], qos: QoS, responseTopic: String, properties base: MessageProperties, tag: UInt64
  ) throws(MQTTError) -> [UInt8]? {
    var properties = base
    var correlation: [UInt8]?
    if session.options.protocolVersion == .v5 {
      correlation = base.correlationData ?? Correlation.random()
      properties.responseTopic = responseTopic
      properties.correlationData = correlation
    }
    try session.publish(topic: topic, payload: payload, qos: qos, properties: properties, tag: tag)
    return correlation
  }

  /// The reply to a raw request: not retained, on `responseTopic`, with `correlation` when there is one
  /// (3.1.1 has none, so the first such message counts); `nil` when `deadline` passes first.
  public func awaitReply(on responseTopic: String, correlation: [UInt8]?, until deadline: Deadline?) throws(MQTTError) -> Message? {
    try awaitMatch(until: deadline) { Self.answers($0, on: responseTopic, correlation: correlation) ? $0 : nil }
  }

  /// Messages set aside on `responseTopic`, not retained, that did not answer: those without
  /// correlation data (a responder that does not echo it) and those with another request's.
  public func unmatchedReplies(on responseTopic: String) -> (withoutCorrelation: Int, otherCorrelation: Int) {
    let candidates = early.filter { !$0.retain && Topic.matches($0.topic, filter: responseTopic) }
    let without = candidates.filter { $0.properties.correlationData == nil }.count
    return (without, candidates.count - without)
  }

  /// Whether `message` answers a request whose answers come on `filter` (with `correlation`, if any). A
  /// retained message was there before the request, so it never does.
  static func answers(_ message: Message, on filter: String, correlation: [UInt8]?) -> Bool {
    !message.retain && Topic.matches(message.topic, filter: filter)
      && (correlation == nil || message.properties.correlationData == correlation)
  }

  /// The first message `match` accepts: first among those set aside, then from the session, setting
  /// aside (up to 1,024) the others for a later exchange.
  private func awaitMatch<Result>(until deadline: Deadline?, _ match: (Message) -> Result?) throws(MQTTError) -> Result? {
    if let index = early.firstIndex(where: { match($0) != nil }) { return match(early.remove(at: index)) }
    while let message = try session.nextMessage(until: deadline) {
      if let result = match(message) { return result }
      early.append(message)
      if early.count > 1024 { early.removeFirst() }
    }
    return nil
  }

  /// The next message that `matches`, first among those set aside while waiting for a reply, then from
  /// the session; nil once `deadline` passes.
  public func nextMessage(until deadline: Deadline?, where matches: (Message) -> Bool) throws(MQTTError) -> Message? {
    if let index = early.firstIndex(where: matches) { return early.remove(at: index) }
    return try session.nextMessage(until: deadline, where: matches)
  }

  private func classify(_ message: Message, _ compiled: CompiledOperation, _ correlation: [UInt8]?) -> ExchangeReply? {
    // A retained message was there before the request: it cannot be its answer.
    if message.retain { return nil }
    let operation = compiled.operation
    if let errorTopic = compiled.errorTopic, Topic.matches(message.topic, filter: errorTopic) {
      return .platformError(message)
    }
    guard let response = compiled.responseTopic, Topic.matches(message.topic, filter: response) else { return nil }
    switch operation.pattern {
    case .mqtt5Response:
      return Self.answers(message, on: response, correlation: correlation) ? .answer(message) : nil
    case .requestIDPayload:
      guard let field = operation.requestIDField, let id = compiled.requestID,
        let value = try? JSONParser.parse(message.payload), value[field]?.numberValue?.intValue == id
      else { return nil }
      return .answer(message)
    default:
      return .answer(message)
    }
  }
}
