import IotctlBase
import IotctlDevice
import IotctlDialect
import IotctlSchema
import Testing

/// Telemetry as the sender shapes it, held against the platforms' documented payloads. Each test failed
/// on the main of 2026-11-23 (issue 15, items a, b, d and i).
@Suite struct TelemetryShapingTests {
  /// The seed's Kaa batch example: every sample is kept, each timestamped, none nested (item a).
  @Test func aKaaBatchKeepsEverySample() throws {
    var sender = try Fixtures.sender("kaa")
    let batch = try Fixtures.json(#"[{"temperature":21,"humidity":73},{"temperature":22,"humidity":70}]"#)
    let timed = try JSONParser.parse(try sender.message(batch, time: Fixtures.time).payload)
    let samples = try #require(timed.arrayValue)
    #expect(samples.count == 2)
    #expect(samples[0]["temperature"] == 21 && samples[0]["humidity"] == 73 && samples[0]["ts"] == "2026-12-02T10:00:00.123Z")
    #expect(samples[1]["temperature"] == 22 && samples[1]["humidity"] == 70 && samples[1]["ts"] != nil)
    let untimed = try JSONParser.parse(try sender.message(batch, time: nil).payload)
    #expect(untimed == batch)
  }

  /// Payloads already in the platform's shape are sent as they are, never wrapped again (item b).
  @Test(arguments: [
    ("xyte", #"{"status":"online","telemetries":{"fan":80}}"#),
    ("mediumone", #"{"event_data":{"t":21},"observed_at":"2026-01-01T00:00:00.000001Z"}"#),
    ("thingsboard", #"{"ts":1700000000000,"values":{"t":21}}"#),
  ])
  func shapedPayloadsAreNotWrappedAgain(dialect: String, payload: String) throws {
    var sender = try Fixtures.sender(dialect)
    let value = try Fixtures.json(payload)
    let sent = try JSONParser.parse(try sender.message(value, time: Fixtures.time).payload)
    for (key, member) in value.objectValue!.members { #expect(sent[key] == member, "\(dialect) \(key)") }
    #expect(sent.objectValue?.members.count ?? 0 <= (value.objectValue?.members.count ?? 0) + 1)
  }

  /// A shaped Medium One event without observed_at gets it from --now; its values stay where they were.
  @Test func aShapedPayloadGetsOnlyTheTimestampItLacks() throws {
    var sender = try Fixtures.sender("mediumone")
    let sent = try JSONParser.parse(try sender.message(try Fixtures.json(#"{"event_data":{"t":21}}"#), time: Fixtures.time).payload)
    #expect(sent == (try Fixtures.json(#"{"event_data":{"t":21},"observed_at":"2026-12-02T10:00:00.123456Z"}"#)))
  }

  /// A nested shape is refused by the schemas, whoever built it (item b).
  @Test(arguments: [
    ("xyte", #"{"status":"online","telemetries":{"status":"online","telemetries":{"fan":80}}}"#),
    ("mediumone", #"{"event_data":{"event_data":{"t":21}}}"#),
    ("thingsboard", #"{"ts":1,"values":{"ts":1,"values":{"t":21}}}"#),
  ])
  func nestedShapesDoNotValidate(dialect: String, payload: String) throws {
    var sender = try TelemetrySender(compiler: try Fixtures.compiler(dialect, Fixtures.variables[dialect]!), kind: nil, raw: true)
    #expect(throws: DeviceError.self) { try sender.message(try Fixtures.json(payload), time: nil) }
  }

  /// ThingsBoard's JsonConverter takes arrays (as JSON text) and nulls (item d).
  @Test func thingsBoardTakesArraysAndNulls() throws {
    var sender = try Fixtures.sender("thingsboard")
    let sent = try sender.message(try Fixtures.json(#"{"arr":[1,2,3],"none":null}"#), time: nil)
    #expect(try JSONParser.parse(sent.payload) == (try Fixtures.json(#"{"arr":[1,2,3],"none":null}"#)))
  }

  /// Limits are profile data, checked before sending (item i).
  @Test func platformLimitsAreCheckedBeforeSending() throws {
    var thingsboard = try Fixtures.sender("thingsboard")
    let big = JSONValue.object(JSONObject(["blob": .string(String(repeating: "x", count: 70_000))]))
    let tooLarge = #expect(throws: DeviceError.self) { try thingsboard.message(big, time: nil) }
    #expect(tooLarge?.kind == .schemaViolation && tooLarge?.message.contains("limit of 65536 bytes") == true)
    var xyte = try Fixtures.sender("xyte")
    let long = JSONValue.object(JSONObject(["note": .string(String(repeating: "é", count: 600))]))
    let tooLong = #expect(throws: DeviceError.self) { try xyte.message(long, time: nil) }
    #expect(tooLong?.message.contains("limit of 1000 bytes per string") == true, "\(String(describing: tooLong))")
    var members = JSONObject()
    for index in 0..<200 { members["k\(index)"] = .string(String(repeating: "v", count: 900)) }
    let many = JSONValue.object(members)
    let overall = #expect(throws: DeviceError.self) { try xyte.message(many, time: nil) }
    #expect(overall?.message.contains("131072 bytes per payload") == true, "\(String(describing: overall))")
  }
}
