import ArgumentParser
import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// MQTT 5 properties for outgoing messages, as dedicated flags or mosquitto's `-D CMD NAME VALUE`.
struct PublishPropertyOptions: ParsableArguments {
  @Option(name: .customLong("user-property"), help: ArgumentHelp("MQTT 5 user property (repeatable).", valueName: "name=value"))
  var userProperties: [String] = []

  @Option(name: .customLong("content-type"), help: "MQTT 5 content type, e.g. application/json.")
  var contentType: String?

  @Option(name: .customLong("correlation-data"), help: "MQTT 5 correlation data (text).")
  var correlationData: String?

  @Option(name: .customLong("message-expiry"), help: ArgumentHelp("MQTT 5 message expiry interval.", valueName: "seconds"))
  var messageExpiry: UInt32?

  @Flag(name: .customLong("payload-utf8"), help: "Set the MQTT 5 payload format indicator to UTF-8.")
  var payloadUTF8 = false

  @Option(
    name: .customShort("D"), parsing: .upToNextOption,
    help: ArgumentHelp(
      "mosquitto-style property: CONNECT|PUBLISH NAME VALUE (user-property takes NAME KEY VALUE).",
      valueName: "cmd name value"))
  var rawProperties: [String] = []
}

extension ConnectionOptions.Values {
  /// Session options for a publishing verb: `properties` may imply MQTT 5 and add CONNECT properties.
  /// Returns the PUBLISH properties too.
  func resolve(
    publishing properties: PublishPropertyOptions.Values, defaultVersion: ProtocolVersion = .v311,
    reconnect: ReconnectPolicy = .never, dialect: DialectConnection? = nil
  ) throws -> (options: ConnectOptions, urlTopic: String?, publish: MessageProperties) {
    let (publish, connectUser, sessionExpiry) = try properties.resolve()
    var (options, urlTopic) = try resolve(
      defaultVersion: defaultVersion, needsV5: properties.isUsed, reconnect: reconnect, dialect: dialect)
    options.connectUserProperties = connectUser
    if let sessionExpiry { options.sessionExpiry = sessionExpiry }
    return (options, urlTopic, publish)
  }
}

extension PublishPropertyOptions.Values {
  /// Whether any MQTT 5 property is set (so the verb must use MQTT 5).
  var isUsed: Bool {
    !userProperties.isEmpty || contentType != nil || correlationData != nil || messageExpiry != nil || payloadUTF8
      || !rawProperties.isEmpty
  }

  /// The PUBLISH properties, and CONNECT user properties / session expiry from `-D CONNECT`.
  func resolve() throws -> (publish: MessageProperties, connectUser: [UserProperty], sessionExpiry: UInt32?) {
    var publish = MessageProperties(
      contentType: contentType, correlationData: correlationData.map { Array($0.utf8) },
      messageExpiry: messageExpiry, payloadIsUTF8: payloadUTF8 ? true : nil)
    for pair in userProperties {
      guard let equals = pair.firstIndex(of: "=") else {
        throw ValidationError("--user-property '\(pair)' must be name=value")
      }
      publish.userProperties.append(UserProperty(String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
    }
    var connectUser: [UserProperty] = []
    var sessionExpiry: UInt32?
    var words = rawProperties[...]
    func take(_ what: String) throws -> String {
      guard let word = words.popFirst() else { throw ValidationError("-D is missing \(what)") }
      return word
    }
    while !words.isEmpty {
      let command = try take("the command (CONNECT or PUBLISH)").uppercased()
      let name = try take("the property name").lowercased()
      let value = try take("the value of \(name)")
      switch (command, name) {
      case ("PUBLISH", "user-property"):
        publish.userProperties.append(UserProperty(value, try take("the user property's value")))
      case ("CONNECT", "user-property"):
        connectUser.append(UserProperty(value, try take("the user property's value")))
      case ("PUBLISH", "content-type"): publish.contentType = value
      case ("PUBLISH", "response-topic"): publish.responseTopic = value
      case ("PUBLISH", "correlation-data"): publish.correlationData = Array(value.utf8)
      case ("PUBLISH", "message-expiry-interval"):
        guard let seconds = UInt32(value) else { throw ValidationError("-D \(name) '\(value)' is not a number") }
        publish.messageExpiry = seconds
      case ("PUBLISH", "payload-format-indicator"):
        publish.payloadIsUTF8 = value == "1"
      case ("CONNECT", "session-expiry-interval"):
        guard let seconds = UInt32(value) else { throw ValidationError("-D \(name) '\(value)' is not a number") }
        sessionExpiry = seconds
      default:
        throw ValidationError(
          "-D \(command) \(name) is not supported; use PUBLISH content-type, correlation-data, "
            + "message-expiry-interval, payload-format-indicator, response-topic, user-property, "
            + "or CONNECT session-expiry-interval, user-property")
      }
    }
    return (publish, connectUser, sessionExpiry)
  }
}
