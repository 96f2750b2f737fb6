import IotctlDevice
import IotctlDialect
import IotctlSchema

/// The fuzz targets: each takes any bytes and must return without a trap, whatever they hold.
enum FuzzTargets {
  static let all: [String: @Sendable ([UInt8]) -> Void] = [
    "json": json, "schema": schema, "profile": profile, "template": template, "context": context,
    "record": record, "url": url, "control": control,
  ]

  /// The JSON parser, and the writer on what it parsed.
  static func json(_ bytes: [UInt8]) {
    guard let value = try? JSONParser.parse(bytes) else { return }
    _ = value.jsonBytes
  }

  /// The schema compiler and validator: the first line is the schema, the rest the instance; format
  /// assertions on when the first byte is odd. The tape must accept only what the parser accepts, and
  /// agree with the tree evaluator: a disagreement is a trap, which the fuzzer reports.
  static func schema(_ bytes: [UInt8]) {
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    guard let document = try? JSONParser.parse(Array(bytes[..<newline])),
      let compiled = try? JSONSchema(document, assertFormat: (bytes.first ?? 0) & 1 == 1)
    else { return }
    let rest = newline < bytes.endIndex ? Array(bytes[(newline + 1)...]) : []
    var validator = JSONTextValidator(compiled)
    let onTape = rest.withUnsafeBytes { validator.isValid($0) }
    guard let instance = try? JSONParser.parse(rest) else {
      precondition(onTape == nil, "the tape accepted text that the parser refuses")
      return
    }
    let errors = compiled.validate(instance)
    precondition(onTape == nil || onTape == errors.isEmpty, "the tape and the evaluator disagree")
  }

  /// The profile decoder and lint, as `dialects lint` and `--dialect-file` use them.
  static func profile(_ bytes: [UInt8]) {
    _ = catalog.lint(bytes, origin: "fuzz")
  }

  /// Topic templates: parsing, and rendering with every variable bound.
  static func template(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self), let parsed = try? TopicTemplate(text) else { return }
    _ = parsed.render { name in name.isEmpty ? nil : "v-" + name }
  }

  /// The context config file.
  static func context(_ bytes: [UInt8]) {
    _ = try? ContextConfig.parse(bytes, origin: "fuzz")
  }

  /// The input lines of `pub -l`: a JSONL record (as `sub --output jsonl` writes it) and a TSV line.
  static func record(_ bytes: [UInt8]) {
    _ = try? MessageRecord.outgoing(fromJSONLine: bytes, number: 1, defaultTopic: (bytes.first ?? 0) & 1 == 1 ? "t" : nil)
    _ = try? MessageRecord.outgoing(fromTSVLine: bytes, number: 1)
  }

  /// Broker URLs, as `-L`, `IOTCTL_BROKER`, a context and `--proxy` give them.
  static func url(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? BrokerURL(text)
    _ = try? BrokerURL(text, flag: "--proxy", schemes: ["socks5h": false, "socks5": false])
  }

  /// A line of `iotctl emulate`'s stdin.
  static func control(_ bytes: [UInt8]) {
    _ = try? EmulatorControl.parse(String(decoding: bytes, as: UTF8.self))
  }

  static let catalog = ProfileCatalog(environment: [:])
}
