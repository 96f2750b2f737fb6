import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// An owned libmosquitto property list, freed on deinit.
final class PropertyList {
  var pointer: OpaquePointer?

  init() {}

  deinit { mosquitto_property_free_all(&pointer) }

  private func check(_ rc: Int32, _ name: String) throws(MQTTError) {
    guard rc == MOSQ_ERR_SUCCESS.rawValue else {
      throw .invalidOption("MQTT 5 property \(name) is not valid: \(String(cString: mosquitto_strerror(rc)))")
    }
  }

  func addString(_ identifier: mqtt5_property, _ value: String, _ name: String) throws(MQTTError) {
    // libmosquitto accepts an empty string here and then crashes writing the packet (so does
    // mosquitto_pub): refuse it first, and anything longer than MQTT's string length.
    guard !value.isEmpty else { throw .invalidOption("MQTT 5 property \(name) cannot be empty; leave it out instead") }
    guard value.utf8.count <= Int(UInt16.max), !value.utf8.contains(0) else {
      throw .invalidOption("MQTT 5 property \(name) must be at most 65535 bytes with no NUL character")
    }
    try check(mosquitto_property_add_string(&pointer, Int32(identifier.rawValue), value), name)
  }

  func addBinary(_ identifier: mqtt5_property, _ value: [UInt8], _ name: String) throws(MQTTError) {
    guard value.count <= Int(UInt16.max) else {
      throw .invalidOption("MQTT 5 property \(name) is longer than 65535 bytes")
    }
    let rc = value.withUnsafeBytes {
      mosquitto_property_add_binary(&pointer, Int32(identifier.rawValue), $0.baseAddress, UInt16(value.count))
    }
    try check(rc, name)
  }

  func addInt32(_ identifier: mqtt5_property, _ value: UInt32, _ name: String) throws(MQTTError) {
    try check(mosquitto_property_add_int32(&pointer, Int32(identifier.rawValue), value), name)
  }

  func addByte(_ identifier: mqtt5_property, _ value: UInt8, _ name: String) throws(MQTTError) {
    try check(mosquitto_property_add_byte(&pointer, Int32(identifier.rawValue), value), name)
  }

  func addUserProperties(_ properties: [UserProperty]) throws(MQTTError) {
    for property in properties {
      try check(
        mosquitto_property_add_string_pair(
          &pointer, Int32(MQTT_PROP_USER_PROPERTY.rawValue), property.name, property.value),
        "user-property \(property.name)")
    }
  }

  /// Builds the list for a PUBLISH (or will) packet.
  static func publish(_ properties: MessageProperties) throws(MQTTError) -> PropertyList {
    let list = PropertyList()
    if let value = properties.contentType { try list.addString(MQTT_PROP_CONTENT_TYPE, value, "content-type") }
    if let value = properties.responseTopic {
      do { try Topic.checkPublish(value) } catch { throw .invalidOption("MQTT 5 property response-topic: \(error.reason)") }
      try list.addString(MQTT_PROP_RESPONSE_TOPIC, value, "response-topic")
    }
    if let value = properties.correlationData {
      try list.addBinary(MQTT_PROP_CORRELATION_DATA, value, "correlation-data")
    }
    if let value = properties.messageExpiry {
      try list.addInt32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL, value, "message-expiry-interval")
    }
    if let value = properties.payloadIsUTF8 {
      try list.addByte(MQTT_PROP_PAYLOAD_FORMAT_INDICATOR, value ? 1 : 0, "payload-format-indicator")
    }
    try list.addUserProperties(properties.userProperties)
    return list
  }
}

extension MessageProperties {
  /// Reads the properties of a received PUBLISH.
  init(reading list: OpaquePointer?) {
    self.init()
    var cursor = list
    while let property = cursor {
      let identifier = mosquitto_property_identifier(property)
      switch UInt32(identifier) {
      case MQTT_PROP_CONTENT_TYPE.rawValue:
        contentType = Self.readString(property, identifier)
      case MQTT_PROP_RESPONSE_TOPIC.rawValue:
        responseTopic = Self.readString(property, identifier)
      case MQTT_PROP_CORRELATION_DATA.rawValue:
        var value: UnsafeMutableRawPointer?
        var length: UInt16 = 0
        if mosquitto_property_read_binary(property, identifier, &value, &length, false) != nil {
          correlationData = value.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(length))) } ?? []
          free(value)
        }
      case MQTT_PROP_MESSAGE_EXPIRY_INTERVAL.rawValue:
        var value: UInt32 = 0
        if mosquitto_property_read_int32(property, identifier, &value, false) != nil { messageExpiry = value }
      case MQTT_PROP_PAYLOAD_FORMAT_INDICATOR.rawValue:
        var value: UInt8 = 0
        if mosquitto_property_read_byte(property, identifier, &value, false) != nil { payloadIsUTF8 = value == 1 }
      case MQTT_PROP_SUBSCRIPTION_IDENTIFIER.rawValue:
        var value: UInt32 = 0
        if mosquitto_property_read_varint(property, identifier, &value, false) != nil {
          subscriptionIdentifiers.append(value)
        }
      case MQTT_PROP_USER_PROPERTY.rawValue:
        var name: UnsafeMutablePointer<CChar>?
        var value: UnsafeMutablePointer<CChar>?
        if mosquitto_property_read_string_pair(property, identifier, &name, &value, false) != nil {
          userProperties.append(UserProperty(Self.take(name), Self.take(value)))
        }
      default:
        break
      }
      cursor = mosquitto_property_next(property)
    }
  }

  private static func readString(_ property: OpaquePointer, _ identifier: Int32) -> String? {
    var value: UnsafeMutablePointer<CChar>?
    guard mosquitto_property_read_string(property, identifier, &value, false) != nil else { return nil }
    return take(value)
  }

  private static func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    guard let pointer else { return "" }
    defer { free(pointer) }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
  }
}
