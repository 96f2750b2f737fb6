import Foundation
import IotctlDevice
import IotctlDialect
import IotctlSchema
import Testing

/// The simulator's parts without a broker: histograms, generators, the roster and scenarios.
@Suite struct LatencyHistogramTests {
  @Test func percentilesStayWithinOnePercent() {
    var histogram = LatencyHistogram()
    for micros in 1...100_000 { histogram.record(microseconds: UInt64(micros)) }
    #expect(histogram.total == 100_000)
    for (percentile, exact) in [(50.0, 50_000.0), (90, 90_000), (99, 99_000), (100, 100_000)] {
      let value = Double(histogram.value(atPercentile: percentile))
      #expect(abs(value - exact) / exact < 0.01, "p\(percentile): \(value), not about \(exact)")
    }
    // Small values are exact.
    var small = LatencyHistogram()
    for micros: UInt64 in [3, 7, 200] { small.record(microseconds: micros) }
    #expect(small.value(atPercentile: 50) == 7)
    #expect(small.value(atPercentile: 100) == 200)
  }

  @Test func shardsMergeExactlyThroughTheirEncoding() throws {
    var random = SeededRandom(seed: 7)
    var whole = LatencyHistogram()
    var shards = [LatencyHistogram](repeating: LatencyHistogram(), count: 3)
    for index in 0..<30_000 {
      let seconds = -0.004 * _log(max(random.unit(), 1e-12))
      whole.record(seconds: seconds)
      shards[index % 3].record(seconds: seconds)
    }
    var merged = LatencyHistogram()
    for shard in shards {
      let text = shard.encoded.jsonText
      merged.merge(try #require(LatencyHistogram(encoded: try JSONParser.parse(text))))
    }
    #expect(merged == whole)
    #expect(merged.value(atPercentile: 99) == whole.value(atPercentile: 99))
  }

  @Test func recordedNonsenseNeitherTrapsNorMerges() throws {
    #expect(LatencyHistogram(encoded: ["layout": "other", "counts": []]) == nil)
    #expect(LatencyHistogram(encoded: try JSONParser.parse(#"{"layout":"hdr-us-256","counts":[[99999,1]]}"#)) == nil)
    #expect(LatencyHistogram(encoded: try JSONParser.parse(#"{"layout":"hdr-us-256","counts":[[1,-5]]}"#)) == nil)
    let huge = try #require(
      LatencyHistogram(encoded: try JSONParser.parse(#"{"layout":"hdr-us-256","max_us":99999999999999,"counts":[[5,9223372036854775807]]}"#)))
    var sum = huge
    sum.merge(huge)
    sum.merge(huge)
    #expect(sum.total == UInt64.max)
    var timeless = LatencyHistogram()
    timeless.record(seconds: .infinity)
    timeless.record(seconds: -1)
    timeless.record(seconds: 1e300)
    #expect(timeless.total == 3)
  }
}

@Suite struct ValueGeneratorTests {
  func values(_ generator: ValueGenerator, places: Int? = nil, count: Int = 1000, seed: UInt64 = 1) -> [JSONValue] {
    var state = ValueGenerator.State()
    var random = SeededRandom(seed: seed)
    let rounded = ValueGenerator.Rounded(generator: generator, places: places)
    return (0..<count).map { rounded.next(&state, time: Double($0), random: &random) }
  }

  func numbers(_ values: [JSONValue]) -> [Double] { values.compactMap { $0.numberValue?.doubleValue } }

  @Test func eachGeneratorKeepsItsBounds() {
    #expect(numbers(values(.counter(start: 5, step: 2), count: 4)) == [5, 7, 9, 11])
    let uniform = numbers(values(.uniform(min: 10, max: 20)))
    #expect(uniform.allSatisfy { (10...20).contains($0) } && Set(uniform).count > 900)
    let walk = numbers(values(.walk(start: 50, step: 5, min: 40, max: 60)))
    #expect(walk.allSatisfy { (40...60).contains($0) })
    #expect(zip(walk, walk.dropFirst()).allSatisfy { abs($0 - $1) <= 5.000001 })
    let sine = numbers(values(.sine(min: -1, max: 3, period: 100, phase: 0)))
    #expect(sine.allSatisfy { (-1.000001...3.000001).contains($0) } && sine.max()! > 2.9 && sine.min()! < -0.9)
    let normal = numbers(values(.normal(mean: 20, deviation: 2, min: 15, max: nil), count: 20_000))
    let mean = normal.reduce(0, +) / Double(normal.count)
    #expect(abs(mean - 20) < 0.1 && normal.min()! >= 15)
    #expect(values(.constant("on"), count: 3) == ["on", "on", "on"])
  }

  @Test func choiceFollowsItsWeightsAndRoundingItsPlaces() {
    let picks = values(.choice(values: ["a", "b", "c"], weights: [1, 0, 3]), count: 4000)
    #expect(!picks.contains("b"))
    let a = picks.filter { $0 == "a" }.count
    #expect((800...1200).contains(a), "a picked \(a) times of 4000 at weight 1/4")
    let rounded = values(.uniform(min: 0, max: 1), places: 2, count: 200)
    #expect(rounded.allSatisfy { $0.numberValue!.literal.split(separator: ".").last!.count <= 2 })
  }

  @Test func aSeedRepeatsADevice() {
    #expect(values(.uniform(min: 0, max: 1), seed: 42) == values(.uniform(min: 0, max: 1), seed: 42))
    #expect(values(.uniform(min: 0, max: 1), seed: 42) != values(.uniform(min: 0, max: 1), seed: 43))
  }
}

@Suite struct FleetRosterTests {
  @Test func templatesNumberTheDevices() throws {
    #expect(try FleetRoster.expand("tok-{n}", 7) == "tok-7")
    #expect(try FleetRoster.expand("dev-{n:05}", 42) == "dev-00042")
    #expect(try FleetRoster.expand("[{n:4}]", 42) == "[  42]")
    #expect(try FleetRoster.expand("{{n}}-{n}", 3) == "{n}-3")
    #expect(try FleetRoster.expand("plain", 3) == "plain")
    for bad in ["tok-{n", "tok-{m}", "tok-{n:x}", "tok-{n:99}", "}"] {
      #expect(throws: DeviceError.self, "\(bad)") { try FleetRoster.expand(bad, 1) }
    }
  }

  @Test func rowsComeFromCSVOrJSONL() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("roster-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let csv = directory.appendingPathComponent("devices.csv")
    try "token, client_id\r\n\"a,1\",c1\n\n\"say \"\"hi\"\"\",c2\n".write(to: csv, atomically: true, encoding: .utf8)
    let rows = try FleetRoster.rows(file: csv.path)
    #expect(rows == [["token": "a,1", "client_id": "c1"], ["token": #"say "hi""#, "client_id": "c2"]])
    let roster = FleetRoster(size: 2, templates: ["app": "v{n}"], rows: rows)
    let second = try roster.identity(1)
    #expect(second.variables == ["app": "v1", "token": #"say "hi""#] && second.clientID == "c2")
    let jsonl = directory.appendingPathComponent("devices.jsonl")
    try "{\"token\":\"t0\",\"n\":5}\n{\"token\":\"t1\"}\n".write(to: jsonl, atomically: true, encoding: .utf8)
    #expect(try FleetRoster.rows(file: jsonl.path) == [["token": "t0", "n": "5"], ["token": "t1"]])
    let ragged = directory.appendingPathComponent("ragged.csv")
    try "token,client_id\nonly-one\n".write(to: ragged, atomically: true, encoding: .utf8)
    #expect { try FleetRoster.rows(file: ragged.path) } throws: { ($0 as? DeviceError)?.message.contains("line 2 has 1 fields") == true }
    #expect(throws: DeviceError.self) { try FleetRoster.rows(file: directory.appendingPathComponent("missing.csv").path) }
  }
}

@Suite struct ScenarioTests {
  @Test func theSchemaCompilesAndEveryBuiltInScenarioFitsItsDialect() throws {
    #expect(ScenarioCatalog.schemaDocument["$id"] == "urn:iotctl:simulate:scenario")
    for (name, document) in ScenarioCatalog.builtIn {
      let scenario = try ScenarioCatalog.load(name)
      let dialects = document["dialect"]?.stringValue.map { [$0] } ?? Array(Fixtures.variables.keys).sorted()
      for dialect in dialects {
        let compiler = try Fixtures.compiler(dialect, Fixtures.variables[dialect]!)
        try scenario.checkSamples(compiler: compiler)
      }
    }
  }

  func problem(_ text: String) -> String {
    do {
      let scenario = try Scenario(try JSONParser.parse(text), source: "s.json", base: "/nonexistent")
      try scenario.checkSamples(compiler: try Fixtures.compiler("thingsboard", ["token": "T"]))
      return ""
    } catch {
      return "\(error)"
    }
  }

  @Test func lintNamesThePlaceAndTheFix() {
    let cases: [(String, String)] = [
      (#"{"telemetry":[{"values":{"t":{"generator":"constant","value":1}}}]}"#, "interval"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"gauss"}}}]}"#, "/telemetry/0/values/t"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"uniform","min":5,"max":1}}}]}"#, "min 5.0 is above max 1.0"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"uniform","min":1}}}]}"#, "max"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"choice","values":[1,2],"weights":[1]}}}]}"#, "1 weights for 2 values"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"walk","start":9,"step":1,"min":0,"max":5}}}]}"#, "start 9.0 is outside"),
      (#"{"telemetry":[{"interval":0,"values":{"t":{"generator":"counter"}}}]}"#, "/telemetry/0/interval"),
      (#"{"telemetry":[{"interval":1,"replay":"capture.jsonl"}]}"#, "cannot read capture 'capture.jsonl'"),
      (#"{"telemetry":[{"interval":1,"kind":"gauges","values":{"t":{"generator":"counter"}}}]}"#, "no telemetry kind 'gauges'"),
      (#"{"dialect":"kaa","telemetry":[]}"#, "written for dialect kaa"),
      (#"{"churn":{"every":10}}"#, "downtime"),
      (#"{"commands":{"answers":{"x":{"failureRate":2}}}}"#, "/commands/answers/x/failureRate"),
      (#"{"nonsense":true}"#, "nonsense"),
      (#"{"firmware":{"chunkSize":100000}}"#, "above thingsboard's limit of 65536"),
      (#"{"firmware":{"devices":2}}"#, "/firmware/devices"),
      (#"{"config":{}}"#, "acknowledges configurations, but dialect thingsboard pushes none with an ack"),
      (#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"constant","value":1,"extra":2}}}]}"#, "extra"),
    ]
    for (text, expected) in cases {
      let found = problem(text)
      #expect(found.contains(expected), "\(text): \(found)")
    }
    #expect(problem(#"{"telemetry":[{"interval":1,"values":{"t":{"generator":"counter"}}}]}"#) == "")
  }

  @Test func firmwareNeedsADialectWithChunks() throws {
    let scenario = try Scenario(try JSONParser.parse(#"{"firmware": {}}"#), source: "s", base: ".")
    #expect { try scenario.checkSamples(compiler: try Fixtures.compiler("kaa", Fixtures.variables["kaa"]!)) } throws: {
      "\($0)".contains("dialect kaa serves none in MQTT chunks")
    }
    try scenario.checkSamples(compiler: try Fixtures.compiler("thingsboard", ["token": "T"]))
  }

  @Test func aReplayedCaptureIsReadRecordByRecord() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("capture-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try """
      {"topic":"v1/devices/me/telemetry","payload":"{\\"t\\":1}","encoding":"utf8"}
      {"topic":"v1/devices/me/telemetry","payload":"eyJ0IjoyfQ==","encoding":"base64"}
      """.write(to: directory.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
    let scenario = try Scenario(
      try JSONParser.parse(#"{"telemetry":[{"interval":1,"replay":"c.jsonl"}]}"#), source: "s", base: directory.path)
    #expect(scenario.streams[0].replay == [["t": 1], ["t": 2]])
    try "not a record\n".write(to: directory.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
    #expect {
      try Scenario(try JSONParser.parse(#"{"telemetry":[{"interval":1,"replay":"bad.jsonl"}]}"#), source: "s", base: directory.path)
    } throws: { "\($0)".contains("capture 'bad.jsonl', line 1: not valid JSON") }
  }
}

#if canImport(Glibc)
  import Glibc
  func _log(_ x: Double) -> Double { Glibc.log(x) }
#endif
