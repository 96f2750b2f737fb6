import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// "Ask, else wait for a push": how configuration and firmware announcements reach a device. It
/// subscribes to the operations that push first, then sends the request, if the dialect has one. The
/// request's own answer comes back from ``ask(on:timeout:)``; what the platform pushes then, or instead, comes
/// from ``nextPush(until:)``.
public final class AskOrWait {
  /// Set by ``ask(on:timeout:)``.
  public private(set) var runner: ExchangeRunner?
  /// The request, compiled, with its checked payload; nil for a dialect that only pushes.
  public private(set) var request: OperationExchange?
  public let payload: [UInt8]
  /// The filters of the push operations (and of an answer that arrives as a push, as Xyte's config does).
  public let pushFilters: [String]

  /// - Parameters:
  ///   - request: the up operation that asks, if any.
  ///   - payload: its payload; nil for the operation's default.
  ///   - push: down operations whose messages count.
  public init(
    compiler: TopicCompiler, request name: String?, payload: JSONValue?, push: [String], validate: Bool = true
  ) throws {
    var compiler = compiler
    var filters: [String] = []
    for operation in push {
      let filter = try compiler.compile(operation).topic
      if !filters.contains(filter) { filters.append(filter) }
    }
    pushFilters = filters
    if let name {
      var exchange = try OperationExchange(name, compiler: compiler)
      let given: [UInt8]? = payload.map { exchange.operation.message.payload.isJSON ? $0.jsonBytes : [] }
      self.payload = try exchange.payload(given, validate: validate)
      request = exchange
    } else {
      self.payload = []
    }
  }

  /// Whether `message` came on one of the push filters.
  public func isPush(_ message: Message) -> Bool {
    pushFilters.contains { Topic.matches(message.topic, filter: $0) }
  }

  /// Subscribes to the pushes, sends the request and returns its answer: nil when the request has no
  /// answer of its own (the pushes carry it) or there is no request.
  public func ask(on runner: ExchangeRunner, timeout: Double) throws -> Message? {
    self.runner = runner
    if !pushFilters.isEmpty { try runner.session.subscribe(pushFilters, qos: .atLeastOnce) }
    guard let request else { return nil }
    if request.expectsReply {
      return try request.run(on: runner, payload: payload, timeout: timeout)
    }
    try runner.send(request.compiled, payload: payload, qos: request.qos)
    return nil
  }

  /// The next push, or nil once `deadline` passes (never, for nil).
  public func nextPush(until deadline: Deadline?) throws -> Message? {
    try runner?.nextMessage(until: deadline, where: isPush)
  }
}
