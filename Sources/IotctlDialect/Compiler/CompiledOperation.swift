import IotctlSchema

/// An operation with its topics filled in: what a verb publishes, subscribes to and waits for.
public struct CompiledOperation: Sendable {
  public var operation: Operation
  /// For `up` operations the topic to publish to; for `down` ones the filter to subscribe to.
  public var topic: String
  /// The request id this exchange uses, when the pattern has one.
  public var requestID: Int?
  /// Where the answer to an `up` request arrives (a topic, or a filter when it has unbound levels).
  public var responseTopic: String?
  public var errorTopic: String?
  /// The reply template of a `down` operation; variables decoded from each received topic complete it.
  public var replyTemplate: String?
  public var qos: Int
  public var retain: Bool
  /// MQTT 5 user properties the dialect puts on every publish.
  public var userProperties: [(name: String, value: String)]

  /// The schema that the message this side sends must satisfy.
  public var outgoingSchema: JSONValue? {
    operation.direction == .up ? operation.message.schema : operation.reply?.schema
  }
}

/// The connection a dialect asks for, with credentials filled in from the variables.
public struct DialectConnection: Sendable {
  public var host: String?
  public var port: Int?
  public var tls: Bool
  public var mqttVersion: String
  public var username: String?
  public var password: String?
  public var clientID: String?
  /// The values of the dialect's secret variables, which logs must mask (a token used as the user name).
  public var secrets: [String] = []
}
