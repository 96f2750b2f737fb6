import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// Shapes, compiles and checks telemetry one message at a time. The topic is compiled once unless each
/// message needs its own request id (`ack`), and the schema once.
public struct TelemetrySender {
  /// One message, ready to publish.
  public struct Message {
    public var compiled: CompiledOperation
    public var payload: [UInt8]
    public var qos: QoS
  }

  public private(set) var compiler: TopicCompiler
  public let shape: TelemetryShape
  public let operation: Operation
  /// Send the JSON as it is, without the dialect's wrapping.
  public let raw: Bool
  /// The device status some shapes carry (Xyte).
  public let status: String
  /// Give every message a request id, so that the platform's confirmation can be awaited.
  public let ack: Bool
  private let check: PayloadCheck?
  private var fixed: CompiledOperation?

  public var profile: DialectProfile { compiler.profile }

  /// - Parameter kind: a telemetry kind of the dialect; nil for its first.
  public init(
    compiler: TopicCompiler, kind: String?, raw: Bool = false, status: String = "online", validate: Bool = true,
    ack: Bool = false
  ) throws {
    let profile = compiler.profile
    guard let first = profile.telemetryShapes.first else {
      throw DeviceError(.usage, "dialect \(profile.name) defines no telemetry; use 'iotctl op OPERATION'")
    }
    var shape = first
    if let kind {
      guard let named = profile.telemetryShapes.first(where: { $0.name == kind }) else {
        let names = profile.telemetryShapes.map(\.name).joined(separator: ", ")
        throw DeviceError(.usage, "dialect \(profile.name) has no telemetry kind '\(kind)'; it has: \(names)")
      }
      shape = named
    }
    self.compiler = compiler
    self.shape = shape
    operation = try compiler.operation(shape.operation)
    self.raw = raw
    self.status = status
    self.ack = ack
    do { check = validate ? try PayloadCheck(operation.message) : nil } catch { throw DeviceError(.input, error.message) }
  }

  /// The same sender for another device: its variables, with the compiled schema shared.
  public func rebound(to compiler: TopicCompiler) -> TelemetrySender {
    var copy = self
    copy.compiler = compiler
    copy.fixed = nil
    return copy
  }

  /// The message for `input` (values, a batch of them, or a payload already in the platform's shape) at
  /// `time`.
  public mutating func message(_ input: JSONValue, time: WallTime?) throws -> Message {
    var compiled: CompiledOperation
    if let fixed {
      compiled = fixed
    } else {
      compiled = try compiler.compile(operation.name, withRequestID: ack)
      if compiled.requestID == nil { fixed = compiled }
    }
    let shaped = raw ? input : shape.payload(values: input, time: time, status: status)
    let value = OperationExchange.payload(shaped, for: &compiled)
    let bytes = value.jsonBytes
    if let check {
      if let problem = check.sizeProblem(bytes.count) {
        try OperationExchange.judge(.overLimit(problem), profile: profile, operation: operation)
      }
      try OperationExchange.judge(check.check(value), profile: profile, operation: operation)
    }
    return Message(compiled: compiled, payload: bytes, qos: QoS(rawValue: Int32(clamping: compiled.qos)) ?? .atLeastOnce)
  }
}
