import IotctlDialect
import IotctlSchema

/// The fuzz targets: each takes any bytes and must return without a trap, whatever they hold.
enum FuzzTargets {
  static let all: [String: @Sendable ([UInt8]) -> Void] = [
    "json": json, "schema": schema, "profile": profile, "template": template, "context": context,
  ]

  /// The JSON parser, and the writer on what it parsed.
  static func json(_ bytes: [UInt8]) {
    guard let value = try? JSONParser.parse(bytes) else { return }
    _ = value.jsonBytes
  }

  /// The schema compiler and validator: the first line is the schema, the rest the instance; format
  /// assertions on when the first byte is odd.
  static func schema(_ bytes: [UInt8]) {
    let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
    guard let document = try? JSONParser.parse(Array(bytes[..<newline])),
      let compiled = try? JSONSchema(document, assertFormat: (bytes.first ?? 0) & 1 == 1)
    else { return }
    let rest = newline < bytes.endIndex ? Array(bytes[(newline + 1)...]) : []
    if let instance = try? JSONParser.parse(rest) { _ = compiled.validate(instance) }
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

  static let catalog = ProfileCatalog(environment: [:])
}
