import IotctlDevice
import IotctlMQTT
import IotctlSchema

/// What a publishing verb would send, printed instead of sending it: the compiled action, and the same
/// action as a mosquitto_pub or mosquitto_rr command line. Secrets are masked in both.
struct DryRun {
  enum Payload {
    case bytes([UInt8])
    case file(String, [UInt8])
    /// One message per standard-input line (`-l`), not read in a dry run.
    case lines
  }

  var options: ConnectOptions
  var topic: String
  var payload: Payload
  var qos: QoS
  var retain: Bool
  var properties: MessageProperties
  /// Set for a request/response (mosquitto_rr) action.
  var responseTopic: String?
  /// Further values to mask wherever they appear (a dialect's secret variables).
  var secrets: [String] = []
  /// The dialect operation behind the action, shown first.
  var operation: OperationFacts?
  /// Filters the verb also subscribes to, such as configuration pushes it keeps printing.
  var subscriptions: [String] = []

  /// What a dialect operation adds to the report.
  struct OperationFacts {
    var dialect: String
    var name: String
    var pattern: String
    /// `valid`, `no schema for this payload` or `skipped (--no-validate)`.
    var validation: String
    var errorTopic: String?
    /// The request id compiled into the topic or payload, where the pattern has one.
    var requestID: Int?
  }

  /// The report in the chosen format: `key: value` lines, or one JSON object for `--output jsonl`.
  func report(_ format: OutputFormatOptions.Format) -> String {
    switch format {
    case .text: return rendered
    case .jsonl: return record.jsonText + "\n"
    }
  }

  /// The report as `key: value` lines, then the equivalent command.
  var rendered: String {
    var lines: [(String, String)] = []
    if let operation {
      lines += [("dialect", operation.dialect), ("operation", "\(operation.name) (\(operation.pattern))"), ("validation", operation.validation)]
      if let errorTopic = operation.errorTopic { lines.append(("error topic", errorTopic)) }
    }
    lines.append(("broker", "\(options.host):\(options.port), MQTT \(versionText)\(options.tls != nil ? ", TLS" : "")"))
    lines.append(("client id", options.clientID ?? "(generated)"))
    if options.endsSessionOnClose {
      lines.append(("session", "held across reconnects for this run, ended when it ends" + (options.discardsEarlierSession ? "; an earlier one under this client id is ended first" : "")))
    }
    if let username = options.username { lines.append(("username", username)) }
    if options.password != nil { lines.append(("password", Secrets.mask)) }
    lines.append(("topic", topic))
    if let responseTopic { lines.append(("response topic", responseTopic)) }
    if !subscriptions.isEmpty { lines.append(("subscribes", subscriptions.joined(separator: ", "))) }
    lines.append(("qos", String(qos.rawValue)))
    lines.append(("retain", retain ? "yes" : "no"))
    let shownProperties = describe(properties)
    if !shownProperties.isEmpty { lines.append(("properties", shownProperties.joined(separator: "; "))) }
    switch payload {
    case .bytes(let bytes), .file(_, let bytes):
      lines.append(("payload", Self.show(bytes)))
    case .lines:
      lines.append(("payload", "one message per line of standard input (not read in a dry run)"))
    }
    lines.append(("equivalent", commandLine))
    let width = lines.map(\.0.count).max() ?? 0
    let text = lines.map { key, value in key + ":" + String(repeating: " ", count: width - key.count + 1) + value }
    return Secrets.masking(text.joined(separator: "\n") + "\n", secrets)
  }

  /// The report as one JSON object (secrets masked), for scripts and tests:
  /// `{"dialect","operation","pattern","validation","request_id","broker","mqtt","tls","client_id","username","topic",
  /// "response_topic","error_topic","subscribe","qos","retain","properties","payload","encoding","payload_length","equivalent"}`.
  var record: JSONValue {
    func masked(_ text: String) -> JSONValue { .string(Secrets.masking(text, secrets)) }
    var object = JSONObject()
    if let operation {
      object["dialect"] = .string(operation.dialect)
      object["operation"] = .string(operation.name)
      object["pattern"] = .string(operation.pattern)
      object["validation"] = .string(operation.validation)
      object["request_id"] = operation.requestID.map { .number(JSONNumber($0)) } ?? .null
    }
    object["broker"] = masked("\(options.host):\(options.port)")
    object["mqtt"] = .string(versionText)
    object["tls"] = .bool(options.tls != nil)
    object["client_id"] = options.clientID.map(masked) ?? .null
    object["username"] = options.username.map(masked) ?? .null
    if options.password != nil { object["password"] = .string(Secrets.mask) }
    object["topic"] = masked(topic)
    object["response_topic"] = responseTopic.map(masked) ?? .null
    object["error_topic"] = operation?.errorTopic.map(masked) ?? .null
    if !subscriptions.isEmpty { object["subscribe"] = .array(subscriptions.map(masked)) }
    object["qos"] = .number(JSONNumber(Int(qos.rawValue)))
    object["retain"] = .bool(retain)
    let shownProperties = describe(properties)
    if !shownProperties.isEmpty { object["properties"] = .array(shownProperties.map(masked)) }
    switch payload {
    case .bytes(let bytes), .file(_, let bytes):
      let (text, encoding) = MessageRecord.encodePayload(bytes)
      object["payload"] = encoding == "utf8" ? masked(text) : .string(text)
      object["encoding"] = .string(encoding)
      object["payload_length"] = .number(JSONNumber(bytes.count))
    case .lines:
      object["payload"] = .null
      object["encoding"] = .string("lines")
    }
    object["equivalent"] = masked(commandLine)
    return .object(object)
  }

  private var versionText: String {
    switch options.protocolVersion {
    case .v311: "3.1.1"
    case .v5: "5"
    case .v31: "3.1"
    }
  }

  private func describe(_ properties: MessageProperties) -> [String] {
    var result: [String] = []
    if let contentType = properties.contentType { result.append("content-type \(contentType)") }
    if let correlation = properties.correlationData { result.append("correlation-data \(Self.show(correlation))") }
    if let expiry = properties.messageExpiry { result.append("message-expiry \(expiry) s") }
    if properties.payloadIsUTF8 == true { result.append("payload-format utf-8") }
    for property in properties.userProperties { result.append("user-property \(property.name)=\(property.value)") }
    return result
  }

  /// A payload for people: the text when it is short UTF-8, else its size.
  static func show(_ bytes: [UInt8]) -> String {
    if bytes.isEmpty { return "(empty)" }
    if bytes.count <= 4096, let text = String(validating: bytes, as: UTF8.self), !text.contains("\n"),
      !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
    {
      return "\(text) (\(bytes.count) bytes)"
    }
    return "\(bytes.count) bytes" + (String(validating: bytes, as: UTF8.self) == nil ? " of binary data" : " of text")
  }

  /// The mosquitto_pub or mosquitto_rr command that does the same.
  var commandLine: String {
    var words = [responseTopic == nil ? "mosquitto_pub" : "mosquitto_rr", "-h", options.host, "-p", String(options.port)]
    switch options.protocolVersion {
    case .v5: words += ["-V", "mqttv5"]
    case .v31: words += ["-V", "mqttv31"]
    case .v311: if responseTopic != nil { words += ["-V", "mqttv311"] }
    }
    if let clientID = options.clientID { words += ["-i", clientID] }
    if options.keepalive != 60 { words += ["-k", String(options.keepalive)] }
    if !options.cleanSession { words.append("-c") }
    if let expiry = options.sessionExpiry { words += ["-x", expiry == UInt32.max ? "-1" : String(expiry)] }
    if let username = options.username { words += ["-u", username] }
    if options.password != nil { words += ["-P", Secrets.mask] }
    if let tls = options.tls {
      if let caFile = tls.caFile { words += ["--cafile", caFile] }
      if let caPath = tls.caPath { words += ["--capath", caPath] }
      if tls.useOSCertificates || (tls.caFile == nil && tls.caPath == nil) { words.append("--tls-use-os-certs") }
      if let cert = tls.certFile { words += ["--cert", cert] }
      if let key = tls.keyFile { words += ["--key", key] }
      if tls.insecure { words.append("--insecure") }
      if let alpn = tls.alpn { words += ["--tls-alpn", alpn] }
      if let version = tls.version { words += ["--tls-version", version] }
      if let ciphers = tls.ciphers { words += ["--ciphers", ciphers] }
    }
    if let proxy = options.proxy {
      let credentials = proxy.username.map { "\($0)\(proxy.password == nil ? "" : ":\(Secrets.mask)")@" } ?? ""
      words += ["--proxy", "socks5h://\(credentials)\(proxy.host):\(proxy.port)"]
    }
    if let will = options.will {
      words += ["--will-topic", will.topic, "--will-payload", String(decoding: will.payload, as: UTF8.self)]
      if will.qos != .atMostOnce { words += ["--will-qos", String(will.qos.rawValue)] }
      if will.retain { words.append("--will-retain") }
    }
    for property in options.connectUserProperties { words += ["-D", "connect", "user-property", property.name, property.value] }
    words += ["-t", topic]
    if let responseTopic { words += ["-e", responseTopic] }
    if qos != .atMostOnce { words += ["-q", String(qos.rawValue)] }
    if retain { words.append("-r") }
    if let contentType = properties.contentType { words += ["-D", "publish", "content-type", contentType] }
    if responseTopic == nil, let correlation = properties.correlationData {
      words += ["-D", "publish", "correlation-data", String(decoding: correlation, as: UTF8.self)]
    }
    if let expiry = properties.messageExpiry { words += ["-D", "publish", "message-expiry-interval", String(expiry)] }
    if properties.payloadIsUTF8 == true { words += ["-D", "publish", "payload-format-indicator", "1"] }
    for property in properties.userProperties { words += ["-D", "publish", "user-property", property.name, property.value] }
    switch payload {
    case .lines: words.append("-l")
    case .file(let path, _): words += ["-f", path]
    case .bytes(let bytes):
      if bytes.isEmpty {
        words.append("-n")
      } else if let text = String(validating: bytes, as: UTF8.self), !text.utf8.contains(0) {
        words += ["-m", text]
      } else {
        words += ["-s", "<", "payload.bin"]
      }
    }
    return words.map { $0 == "<" ? $0 : Self.shellQuoted($0) }.joined(separator: " ")
  }

  /// `word` as POSIX shell reads it back: bare when safe, else in single quotes.
  static func shellQuoted(_ word: String) -> String {
    let safe = word.unicodeScalars.allSatisfy { scalar in
      scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:@%+=,".unicodeScalars.contains(scalar)
    }
    if safe && !word.isEmpty { return word }
    return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }
}
