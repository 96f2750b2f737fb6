import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// A message to publish, as read from one input line in `tsv` or `jsonl` form.
public struct OutgoingMessage: Sendable {
  public var topic: String
  public var payload: [UInt8]
  /// The record's own QoS and retain flag, where it has them; the command line's apply otherwise.
  public var qos: QoS?
  public var retain: Bool?
  public var properties: MessageProperties

  public init(topic: String, payload: [UInt8], qos: QoS? = nil, retain: Bool? = nil, properties: MessageProperties = MessageProperties()) {
    self.topic = topic
    self.payload = payload
    self.qos = qos
    self.retain = retain
    self.properties = properties
  }
}

/// The JSON Lines record shape shared by `sub --output jsonl` (out) and `pub -l --line-format jsonl`
/// (in), and the captures `simulate` replays, so that a capture can be replayed as it is.
///
/// `{"topic","qos","retain","received_at","payload","encoding":"utf8"|"base64","properties":{…}}`
public enum MessageRecord {
  /// The record for a received message.
  public static func json(for message: Message, extra: [(String, JSONValue)] = []) -> JSONValue {
    var record = JSONObject()
    record["topic"] = .string(message.topic)
    record["qos"] = .number(JSONNumber(Int(message.qos.rawValue)))
    record["retain"] = .bool(message.retain)
    record["received_at"] = .string(Timestamp.iso8601(message.receivedAt))
    let (payload, encoding) = encodePayload(message.payload)
    record["payload"] = .string(payload)
    record["encoding"] = .string(encoding)
    record["payload_length"] = .number(JSONNumber(message.payload.count))
    if !message.properties.isEmpty { record["properties"] = .object(properties(message.properties)) }
    for (key, value) in extra { record[key] = value }
    return .object(record)
  }

  /// Text when the payload is valid UTF-8, base64 otherwise.
  public static func encodePayload(_ payload: [UInt8]) -> (String, String) {
    if let text = String(validating: payload, as: UTF8.self) { return (text, "utf8") }
    return (Base64.encode(payload), "base64")
  }

  private static func properties(_ properties: MessageProperties) -> JSONObject {
    var object = JSONObject()
    if let value = properties.contentType { object["content_type"] = .string(value) }
    if let value = properties.responseTopic { object["response_topic"] = .string(value) }
    if let value = properties.correlationData { object["correlation_data_base64"] = .string(Base64.encode(value)) }
    if let value = properties.messageExpiry { object["message_expiry"] = .number(JSONNumber(Int(value))) }
    if let value = properties.payloadIsUTF8 { object["payload_format_utf8"] = .bool(value) }
    if !properties.userProperties.isEmpty {
      object["user_properties"] = .array(
        properties.userProperties.map { .array([.string($0.name), .string($0.value)]) })
    }
    if !properties.subscriptionIdentifiers.isEmpty {
      object["subscription_identifiers"] = .array(
        properties.subscriptionIdentifiers.map { .number(JSONNumber(Int($0))) })
    }
    return object
  }

  /// Reads a `jsonl` input line: `topic` is required unless `defaultTopic` is given; `payload` may
  /// be a string (decoded per `encoding`) or any JSON value (sent as compact JSON).
  ///
  /// - Throws: ``DeviceError`` of kind `input`, which names the line and the member.
  public static func outgoing(fromJSONLine line: [UInt8], number: UInt64, defaultTopic: String?) throws(DeviceError)
    -> OutgoingMessage
  {
    func bad(_ why: String) -> DeviceError { DeviceError(.input, "line \(number): \(why)") }
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw bad("not valid JSON: \(error.message) at column \(error.column)")
    }
    guard let record = value.objectValue else { throw bad("expected a JSON object with \"topic\" and \"payload\"") }
    guard let topic = record["topic"]?.stringValue ?? defaultTopic else {
      throw bad("no \"topic\" member and no -t default")
    }
    var payload: [UInt8] = []
    switch record["payload"] {
    case nil, .null?: payload = []
    case .string(let text)?:
      switch record["encoding"]?.stringValue ?? "utf8" {
      case "utf8": payload = Array(text.utf8)
      case "base64":
        guard let bytes = Base64.decode(text) else { throw bad("\"payload\" is not valid base64") }
        payload = bytes
      case let other: throw bad("\"encoding\" '\(other)' is not utf8 or base64")
      }
    case let other?: payload = other.jsonBytes
    }
    var qos: QoS?
    if let number = record["qos"] {
      guard let level = number.numberValue?.intValue, let narrow = Int32(exactly: level), let parsed = QoS(rawValue: narrow) else {
        throw bad("\"qos\" must be 0, 1 or 2")
      }
      qos = parsed
    }
    var retain: Bool?
    if let flag = record["retain"] {
      guard let parsed = flag.boolValue else { throw bad("\"retain\" must be true or false") }
      retain = parsed
    }
    var properties = MessageProperties()
    if let object = record["properties"]?.objectValue {
      properties.contentType = object["content_type"]?.stringValue
      properties.responseTopic = object["response_topic"]?.stringValue
      properties.correlationData = object["correlation_data_base64"]?.stringValue.flatMap(Base64.decode)
      if let expiry = object["message_expiry"] {
        guard let seconds = expiry.numberValue?.intValue.flatMap({ UInt32(exactly: $0) }) else {
          throw bad("\"message_expiry\" must be seconds from 0 to 4294967295 (MQTT's 32-bit field)")
        }
        properties.messageExpiry = seconds
      }
      properties.payloadIsUTF8 = object["payload_format_utf8"]?.boolValue
      for pair in object["user_properties"]?.arrayValue ?? [] {
        guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
          let value = items[1].stringValue
        else { throw bad("\"user_properties\" must be a list of [name, value] pairs") }
        properties.userProperties.append(UserProperty(name, value))
      }
    }
    return OutgoingMessage(topic: topic, payload: payload, qos: qos, retain: retain, properties: properties)
  }

  /// Reads a `tsv` input line: `topic<TAB>payload`.
  public static func outgoing(fromTSVLine line: [UInt8], number: UInt64) throws(DeviceError) -> OutgoingMessage {
    guard let tab = line.firstIndex(of: 0x09) else {
      throw DeviceError(.input, "line \(number): expected topic<TAB>payload, found no tab")
    }
    guard let topic = String(validating: line[..<tab], as: UTF8.self) else {
      throw DeviceError(.input, "line \(number): the topic is not valid UTF-8")
    }
    return OutgoingMessage(
      topic: topic, payload: Array(line[(tab + 1)...]), qos: nil, retain: nil, properties: MessageProperties())
  }
}
