import IotctlBase
import IotctlDevice
import IotctlDialect
import IotctlSchema

/// Compilers for the built-in dialects, bound as a device would be.
enum Fixtures {
  static let catalog = ProfileCatalog(environment: [:])

  static func compiler(_ dialect: String, _ variables: [String: String]) throws -> TopicCompiler {
    TopicCompiler(bindings: try VariableBindings(profile: try catalog.load(dialect), given: variables, environment: [:]))
  }

  static let variables: [String: [String: String]] = [
    "thingsboard": ["token": "T1"], "kaa": ["app": "demo_v1", "token": "K1"], "xyte": ["id": "D1", "access_key": "A1"],
    "mediumone": ["project": "p", "user": "u"], "edgeiq": ["company": "c", "device": "d"],
  ]

  static func sender(_ dialect: String, kind: String? = nil) throws -> TelemetrySender {
    try TelemetrySender(compiler: try compiler(dialect, variables[dialect]!), kind: kind)
  }

  /// 2026-12-02T10:00:00.123456Z.
  static let time = WallTime(seconds: 1_796_205_600, nanoseconds: 123_456_000)

  static func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }
}
