import Foundation
import IotctlDialect
import IotctlSchema
import Testing

@Suite struct ProfileLoadingTests {
  let catalog = ProfileCatalog(environment: [:])

  @Test(arguments: ProfileCatalog.builtinNames)
  func builtInProfilesLoadAndLintClean(name: String) throws {
    #expect(catalog.lint(builtin: name) == [])
    let profile = try catalog.load(name)
    #expect(profile.name == name)
    #expect(!profile.operations.isEmpty)
    #expect(profile.origin == "built-in")
    for operation in profile.operations where operation.direction == .up && operation.message.payload == .json {
      #expect(operation.message.schema != nil, "\(name) \(operation.name) has no payload schema")
    }
  }

  /// A built-in profile's operations are decoded one by one as verbs ask for them; each must be what
  /// decoding the whole file as a user's profile gives.
  @Test(arguments: ProfileCatalog.builtinNames)
  func builtInOperationsDecodeLazilyAsTheWholeFileDoes(name: String) throws {
    let lazy = try catalog.load(name)
    let file = try write(String(decoding: ProfileCatalog.builtinText(name), as: UTF8.self), named: "\(name).json", in: scratch())
    let eager = try catalog.load(file: file)
    #expect(lazy.operations.map(\.name) == eager.operations.map(\.name))
    for operation in eager.operations {
      let found = try #require(lazy.operation(operation.name))
      #expect(describe(found) == describe(operation), "\(name) \(operation.name)")
    }
    #expect(lazy.operation("no.such.operation") == nil)
    #expect(lazy.schemas == eager.schemas)
  }

  /// Every field of `value`, with JSON values as their text: two operations decoded from the same
  /// document describe alike, whatever order their objects' internal indexes keep.
  func describe(_ value: Any) -> String {
    if let json = value as? JSONValue { return json.jsonText }
    let mirror = Mirror(reflecting: value)
    if mirror.children.isEmpty { return String(describing: value) }
    let fields = mirror.children.map { "\($0.label ?? "-"): \(describe($0.value))" }
    return "\(mirror.subjectType)(\(fields.joined(separator: ", ")))"
  }

  /// ThingsBoard's provisioning answers, read as its profile says (dialects.md: JsonConverter.toJson).
  @Test func provisioningAnswersYieldTheIssuedCredentials() throws {
    let cases = try #require(catalog.load("thingsboard").operation("provision")).credentials
    let token = try JSONParser.parse(#"{"credentialsType":"ACCESS_TOKEN","credentialsValue":"t0k","status":"SUCCESS"}"#)
    #expect(IssuedCredentials.read(token, cases: cases) == .init(variables: ["token": "t0k"]))
    let basic = try JSONParser.parse(
      #"{"credentialsType":"MQTT_BASIC","credentialsValue":{"clientId":"c1","userName":"u1","password":"p1"},"status":"SUCCESS"}"#)
    #expect(IssuedCredentials.read(basic, cases: cases) == .init(clientID: "c1", username: "u1", password: "p1"))
    let refused = try JSONParser.parse(#"{"status":"NOT_FOUND","errorMsg":"Provision data was not found!"}"#)
    #expect(IssuedCredentials.read(refused, cases: cases) == nil)
    let certificate = try JSONParser.parse(#"{"credentialsType":"X509_CERTIFICATE","credentialsValue":"ab12","status":"SUCCESS"}"#)
    #expect(IssuedCredentials.read(certificate, cases: cases) == nil)
    let emptyToken = try JSONParser.parse(#"{"credentialsType":"ACCESS_TOKEN","credentialsValue":"","status":"SUCCESS"}"#)
    #expect(IssuedCredentials.read(emptyToken, cases: cases) == nil)
  }

  @Test func everyDocumentedOperationIsThere() throws {
    let expected: [String: [String]] = [
      "thingsboard": [
        "telemetry", "attributes", "attributes.updates", "attributes.request", "rpc.server", "rpc.client", "claim", "provision",
        "fw.chunk", "v2.telemetry", "v2.attributes.request", "v2.rpc.server", "gateway.connect", "gateway.telemetry",
        "gateway.attributes.request", "gateway.rpc", "gateway.claim",
      ],
      "kaa": [
        "data", "data.plain", "metadata.keys", "metadata.get", "metadata.update", "metadata.patch", "metadata.delete",
        "command.request", "command.push", "command.result", "config.request", "config.push", "config.applied", "ota.request",
        "ota.push", "ota.applied", "upload.token",
      ],
      "edgeiq": [
        "gateway.command", "config.request", "command", "escrow", "escrow.request", "action", "status", "heartbeat", "report",
        "error", "gateway.command.status", "command.status", "setting.report",
      ],
      "xyte": [
        "telemetry", "config", "config.update", "commands", "command.update", "license", "license.update", "space_info",
        "firmware", "update", "cloud_settings", "get",
      ],
      "mediumone": ["event", "workflow.event", "update", "update.all", "group.update"],
    ]
    for (dialect, names) in expected {
      let profile = try catalog.load(dialect)
      for name in names { #expect(profile.operation(name) != nil, "\(dialect) lacks \(name)") }
    }
  }

  @Test func seedExamplesPassTheirSchemas() throws {
    let examples: [(String, String, String)] = [
      ("kaa", "data", #"[{"ts": "2019-04-26T15:41:07+0000", "temperature": 21, "humidity": 73}]"#),
      ("kaa", "metadata.delete", #"["location", "areaId"]"#),
      ("kaa", "command.result", #"[{"id": 1, "statusCode": 200, "reasonPhrase": "Ok", "payload": {"engine_on": true}}]"#),
      ("kaa", "config.applied", #"{"configId": "97016dbe8bb4adff8f754ecbf24612f2"}"#),
      ("thingsboard", "telemetry", #"[{"ts": 1451649600512, "values": {"key1": "value1"}}, {"temperature": 42}]"#),
      ("thingsboard", "attributes.request", #"{"clientKeys": "attribute1,attribute2", "sharedKeys": "shared1"}"#),
      ("xyte", "telemetry", #"{"status": "online", "timestamp": "2021-08-04T07:45:44.122Z", "telemetries": {"fan_speed": 100.1}}"#),
      ("edgeiq", "heartbeat", #"{"ram_usage": "10.2", "cpu_usage": "65.1", "disk_usage": "23.7", "disk_free": "76.3"}"#),
      ("mediumone", "event", #"{"event_data": {"temp": 21}, "observed_at": "2024-01-02T03:04:05.123456Z"}"#),
    ]
    for (dialect, operation, example) in examples {
      let schema = try JSONSchema(try #require(catalog.load(dialect).operation(operation)?.message.schema))
      #expect(schema.validate(try JSONParser.parse(example)).isEmpty, "\(dialect) \(operation)")
    }
  }

  @Test func schemasRejectWhatTheDocsRuleOut() throws {
    let cases: [(String, String, String)] = [
      ("kaa", "metadata.update", "{}"),  // at least one key
      ("kaa", "metadata.update", #"{"bad key": 1}"#),
      ("kaa", "command.result", #"[{"id": 1}]"#),  // statusCode required
      ("thingsboard", "attributes.request", #"{"clientKeys": ["a", "b"]}"#),  // strings, not arrays
      ("thingsboard", "telemetry", #"{"ts": 1, "values": {}, "extra": 1}"#),
      ("xyte", "telemetry", #"{"status": "sleeping"}"#),
      ("edgeiq", "config.request", #"{"config_version": 2, "requested": true}"#),
    ]
    for (dialect, operation, example) in cases {
      let schema = try JSONSchema(try #require(catalog.load(dialect).operation(operation)?.message.schema))
      #expect(!schema.validate(try JSONParser.parse(example)).isEmpty, "\(dialect) \(operation) accepted \(example)")
    }
  }

  func write(_ text: String, named name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("iotctl-core-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func userProfilesExtendBuiltIns() throws {
    let home = try scratch()
    let folder = home.appendingPathComponent("iotctl/dialects")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try write(
      #"""
      {"profile": 1, "name": "acme", "extends": "thingsboard", "defaults": {"host": "tb.acme.test"},
       "operations": {"claim": null, "alarm": {"summary": "Raise an alarm", "direction": "up", "pattern": "publish",
         "topic": "v1/devices/me/telemetry", "schema": "telemetry", "confidence": "inferred"}}}
      """#, named: "acme.json", in: folder)
    let catalog = ProfileCatalog(environment: ["XDG_CONFIG_HOME": home.path])
    #expect(catalog.available().contains { $0.name == "acme" })
    let acme = try catalog.load("acme")
    #expect(acme.defaults.host == "tb.acme.test")
    #expect(acme.defaults.port == 1883)
    #expect(acme.operation("claim") == nil)
    #expect(acme.operation("alarm")?.message.schema != nil)
    #expect(acme.operation("telemetry") != nil)
  }

  @Test func extendsCyclesAreRefused() throws {
    let home = try scratch()
    let folder = home.appendingPathComponent("iotctl/dialects")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try write(#"{"profile": 1, "name": "alpha", "extends": "beta"}"#, named: "alpha.json", in: folder)
    _ = try write(#"{"profile": 1, "name": "beta", "extends": "alpha"}"#, named: "beta.json", in: folder)
    let catalog = ProfileCatalog(environment: ["XDG_CONFIG_HOME": home.path])
    #expect {
      _ = try catalog.load("alpha")
    } throws: { ($0 as? CoreError)?.message.contains("is a cycle") == true }
  }

  @Test func malformedProfilesNameFileAndPlace() throws {
    let folder = try scratch()
    func problems(_ text: String) throws -> [String] {
      catalog.lint(file: try write(text, named: "p.json", in: folder))
    }
    #expect(try problems("{\"profile\": 1,\n \"name\": }").first?.contains("line 2") == true)
    #expect(try problems(#"{"profile": 1, "name": "x", "operations": {"a": {"summary": "s", "direction": "sideways", "pattern": "publish", "topic": "t", "confidence": "confirmed"}}}"#).first?.contains("/operations/a") == true)
    let unknownVariable = try problems(#"{"profile": 1, "name": "x", "operations": {"a": {"summary": "s", "direction": "up", "pattern": "publish", "topic": "t/{nope}", "confidence": "confirmed"}}}"#)
    #expect(unknownVariable.first?.contains("{nope}") == true)
    #expect(catalog.lint(file: folder.appendingPathComponent("missing.json").path).first?.lowercased().contains("no such file") == true)
    let orphan = try write(#"{"profile": 1, "name": "orphan", "extends": "nosuchdialect"}"#, named: "orphan.json", in: folder)
    #expect(catalog.lint(file: orphan).first?.contains("no dialect named 'nosuchdialect'") == true)
  }

  /// Issue 19, item 12: a topic no verb could use fails lint, and a missing field is named.
  @Test(arguments: [
    ("up", "a/#", "wildcards"), ("up", "a/\u{0}b", "NUL"), ("down", "a/#/b", "whole level"),
    ("up", String(repeating: "t", count: 70_000), "65535"),
  ])
  func lintRefusesTopicsNoVerbCouldUse(direction: String, topic: String, problem: String) throws {
    let folder = try scratch()
    let topicJSON = JSONValue.string(topic).jsonText
    let text = #"{"profile": 1, "name": "x", "operations": {"a": {"summary": "s", "direction": ""# + direction
      + #"", "pattern": ""# + (direction == "up" ? "publish" : "subscribe") + #"", "topic": "# + topicJSON + #", "confidence": "confirmed"}}}"#
    let problems = catalog.lint(file: try write(text, named: "p.json", in: folder))
    #expect(problems.first?.contains("/operations/a/topic") == true && problems.first?.contains(problem) == true, "\(problems)")
  }

  @Test func aMissingFieldIsNamed() throws {
    let folder = try scratch()
    let text = #"{"profile": 1, "name": "x", "operations": {"a": {"summary": "s", "direction": "up", "topic": "t", "confidence": "confirmed"}}}"#
    let problems = catalog.lint(file: try write(text, named: "p.json", in: folder))
    #expect(problems.count == 1 && problems.first?.hasSuffix("/operations/a: the required property \"pattern\" is missing") == true, "\(problems)")
    #expect(!problems.contains { $0.contains("oneOf") || $0.contains("none of") })
  }
}
