/// An MQTT 5 user property: a name/value pair, which may repeat.
public struct UserProperty: Sendable, Equatable, Hashable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// The MQTT 5 properties iotctl reads and writes on PUBLISH packets.
public struct MessageProperties: Sendable, Equatable {
  public var contentType: String?
  public var responseTopic: String?
  public var correlationData: [UInt8]?
  /// Message expiry interval in seconds.
  public var messageExpiry: UInt32?
  /// Payload format indicator: `true` declares the payload UTF-8 text.
  public var payloadIsUTF8: Bool?
  public var userProperties: [UserProperty]
  /// Subscription identifiers (received messages only).
  public var subscriptionIdentifiers: [UInt32]

  public init(
    contentType: String? = nil, responseTopic: String? = nil, correlationData: [UInt8]? = nil,
    messageExpiry: UInt32? = nil, payloadIsUTF8: Bool? = nil, userProperties: [UserProperty] = [],
    subscriptionIdentifiers: [UInt32] = []
  ) {
    self.contentType = contentType
    self.responseTopic = responseTopic
    self.correlationData = correlationData
    self.messageExpiry = messageExpiry
    self.payloadIsUTF8 = payloadIsUTF8
    self.userProperties = userProperties
    self.subscriptionIdentifiers = subscriptionIdentifiers
  }

  /// Whether no property is set. Field by field: comparing with a fresh value costs a copy per publish.
  public var isEmpty: Bool {
    contentType == nil && responseTopic == nil && correlationData == nil && messageExpiry == nil
      && payloadIsUTF8 == nil && userProperties.isEmpty && subscriptionIdentifiers.isEmpty
  }
}

/// A message received from the broker. The payload is copied out of libmosquitto's buffer.
public struct Message: Sendable, Equatable {
  public var topic: String
  public var payload: [UInt8]
  public var qos: QoS
  public var retain: Bool
  public var properties: MessageProperties
  public var receivedAt: WallTime

  public init(
    topic: String, payload: [UInt8], qos: QoS = .atMostOnce, retain: Bool = false,
    properties: MessageProperties = MessageProperties(), receivedAt: WallTime = .now
  ) {
    self.topic = topic
    self.payload = payload
    self.qos = qos
    self.retain = retain
    self.properties = properties
    self.receivedAt = receivedAt
  }
}
