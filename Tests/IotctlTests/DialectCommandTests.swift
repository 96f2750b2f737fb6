import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `dialects`, `topics` and `schema validate` as a user runs them.
@Suite struct DialectCommandTests {
  @Test func listsTheBuiltInDialectsAsTextAndJSON() throws {
    let text = try iotctl(["dialects", "list"])
    #expect(text.status == 0)
    for name in ["thingsboard", "kaa", "edgeiq", "xyte", "mediumone"] { #expect(text.stdoutText.contains(name)) }
    let json = try JSONParser.parse(try iotctl(["dialects", "list", "--output", "json"]).stdoutText)
    #expect(json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["thingsboard", "kaa", "edgeiq", "xyte", "mediumone"])
  }

  @Test func showFlagsInferredTopics() throws {
    let edgeiq = try iotctl(["dialects", "show", "edgeiq"])
    #expect(edgeiq.status == 0)
    let heartbeat = try #require(edgeiq.stdoutText.split(separator: "\n").first { $0.hasPrefix("  heartbeat ") })
    #expect(heartbeat.contains("INFERRED") && heartbeat.contains("u/{company}/{device}/reports/hb"))
    #expect(edgeiq.stdoutText.contains("heartbeat: inferred topic"))
    let json = try JSONParser.parse(try iotctl(["dialects", "show", "kaa", "--output", "json"]).stdoutText)
    let operations = try #require(json["operations"]?.arrayValue)
    let update = try #require(operations.first { $0["name"]?.stringValue == "metadata.update" })
    #expect(update["error"]?["topic"]?.stringValue == "{request}/error")
    #expect(update["schema"]?["minProperties"] != nil)
  }

  @Test func topicsAreCompiledWithTheUsersVariables() throws {
    let result = try iotctl([
      "topics", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=JTjdbENzHh", "--op", "metadata.get",
      "--request-id", "42", "--output", "json", "--show-secrets",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let row = try #require(JSONParser.parse(result.stdoutText).arrayValue?.first)
    #expect(row["topic"]?.stringValue == "kp1/demo_v1/epmx/JTjdbENzHh/get/42")
    #expect(row["response"]?.stringValue == "kp1/demo_v1/epmx/JTjdbENzHh/get/42/status")
    #expect(row["error"]?.stringValue == "kp1/demo_v1/epmx/JTjdbENzHh/get/42/error")
    // Without --show-secrets the endpoint token is masked.
    let masked = try iotctl(["topics", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=JTjdbENzHh", "--op", "data"])
    #expect(!masked.stdoutText.contains("JTjdbENzHh") && masked.stdoutText.contains("kp1/demo_v1/dcx/****/json/"))
  }

  @Test func badVariablesAndDialectsAreUsageErrors() throws {
    let plus = try iotctl(["topics", "--dialect", "edgeiq", "--var", "company=c1", "--var", "device=dev+1"])
    #expect(plus.status == 2)
    #expect(plus.stderr == "iotctl: error: variable device 'dev+1' contains '+'; it becomes one topic level, so '/', '+', '#' and control characters are not allowed\n")
    let missing = try iotctl(["topics", "--dialect", "kaa", "--op", "data", "--var", "app=a"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("--var token=VALUE or set $KAA_ENDPOINT_TOKEN"))
    let unknown = try iotctl(["topics", "--dialect", "kaaa"])
    #expect(unknown.status == 2 && unknown.stderr.contains("available: thingsboard, kaa"))
    let unknownVariable = try iotctl(["topics", "--dialect", "kaa", "--var", "tokn=x"])
    #expect(unknownVariable.status == 2 && unknownVariable.stderr.contains("no variable 'tokn'"))
  }

  @Test func variablesComeFromFilesAndTheEnvironment() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let tokenFile = directory.appendingPathComponent("token")
    try "filetoken\n".write(to: tokenFile, atomically: true, encoding: .utf8)
    let fromFile = try iotctl([
      "topics", "--dialect", "kaa", "--var", "app=a", "--var-file", "token=\(tokenFile.path)", "--op", "data", "--show-secrets",
    ])
    #expect(fromFile.stdoutText.contains("kp1/a/dcx/filetoken/json/"))
    let fromEnvironment = try iotctl(
      ["topics", "--dialect", "kaa", "--op", "data", "--show-secrets"],
      environment: ["KAA_APP_VERSION": "envapp", "KAA_ENDPOINT_TOKEN": "envtoken"])
    #expect(fromEnvironment.stdoutText.contains("kp1/envapp/dcx/envtoken/json/"))
  }

  @Test func schemaValidateReportsEveryInstanceAndExitsTen() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = directory.appendingPathComponent("reading.schema.json")
    try #"{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "required": ["t"], "properties": {"t": {"type": "number", "maximum": 100}}}"#
      .write(to: schema, atomically: true, encoding: .utf8)
    let batch = Data("{\"t\": 21.5}\n{\"t\": 120}\n{}\n".utf8)
    let result = try iotctl(["schema", "validate", "--schema", schema.path, "-"], stdin: batch)
    #expect(result.status == 10)
    #expect(
      result.stdoutText.split(separator: "\n") == [
        "ok stdin:1",
        "invalid stdin:2: /t: 120 is above the maximum 100 [#/properties/t/maximum]",
        "invalid stdin:3: (root): the required property \"t\" is missing [#/required]",
      ])
    #expect(result.stderr == "iotctl: error: 2 instances do not match the schema (listed on stdout)\n")
    let valid = try iotctl(["schema", "validate", "--schema", schema.path, "-"], stdin: Data("{\"t\": 1}".utf8))
    #expect(valid.status == 0 && valid.stdoutText == "ok stdin\n")
  }

  /// A file large enough to be validated in chunks on several threads (40,000 lines, chunks of 8,192)
  /// reports every line in input order with its own number, and each failing line as a one-line input of
  /// it is reported.
  @Test func largeFilesReportEveryLineInOrder() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = directory.appendingPathComponent("t.schema.json")
    try #"{"type": "object", "required": ["t"], "properties": {"t": {"type": "integer", "maximum": 100}}}"#
      .write(to: schema, atomically: true, encoding: .utf8)
    let failing = [#"{"t": 101}"#, #"{"t": 1"#, #"{"u": 1}"#]
    var alone: [String: String] = [:]
    for line in failing {
      let result = try iotctl(["schema", "validate", "--schema", schema.path, "--jsonl", "-"], stdin: Data((line + "\n").utf8))
      alone[line] = String(result.stdoutText.dropFirst("invalid stdin:1".count).dropLast())
    }
    var lines: [String] = []
    var expected: [String] = []
    for number in 1...40_000 {
      let line = [0: failing[0], 17: failing[1], 500: failing[2]][number % 9_973] ?? #"{"t": \#(number % 100)}"#
      lines.append(line)
      if let rest = alone[line] {
        let word = line == failing[1] ? "malformed" : "invalid"
        expected.append("\(word) stdin:\(number)" + rest.dropFirst(word.count - "invalid".count))
      } else {
        expected.append("ok stdin:\(number)")
      }
    }
    let input = Data(lines.joined(separator: "\n").utf8)
    let result = try iotctl(["schema", "validate", "--schema", schema.path, "--jsonl", "-"], stdin: input)
    #expect(result.status == 3)
    #expect(result.stdoutLines == expected)
    #expect(result.stderr == "iotctl: error: 5 inputs are not JSON (listed on stdout)\n")
    let quiet = try iotctl(["schema", "validate", "--schema", schema.path, "--jsonl", "-q", "-"], stdin: input)
    #expect(quiet.stdoutLines == expected.filter { !$0.hasPrefix("ok ") })
    #expect(quiet.stdoutLines.count == 13)
  }

  @Test func schemaFilesResolveRelativeReferences() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try #"{"type": "integer", "minimum": 0}"#.write(to: directory.appendingPathComponent("count.json"), atomically: true, encoding: .utf8)
    let schema = directory.appendingPathComponent("main.json")
    try #"{"properties": {"n": {"$ref": "count.json"}}}"#.write(to: schema, atomically: true, encoding: .utf8)
    let result = try iotctl(["schema", "validate", "--schema", schema.path, "--jsonl", "-"], stdin: Data("{\"n\": -1}\n".utf8))
    #expect(result.status == 10)
    #expect(result.stdoutText.contains("count.json#/minimum"))
  }

  @Test func badSchemasAndInstancesAreInputErrors() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cyclic = directory.appendingPathComponent("cyclic.json")
    try ##"{"definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##
      .write(to: cyclic, atomically: true, encoding: .utf8)
    let cycle = try iotctl(["schema", "validate", "--schema", cyclic.path, "-"], stdin: Data("1".utf8), timeout: 10)
    #expect(cycle.status == 3 && cycle.stderr.contains("$ref cycle"))
    let duplicate = try iotctl(["schema", "validate", "--dialect", "kaa", "--op", "metadata.update", "-"], stdin: Data(#"{"a": 1, "a": 2}"#.utf8))
    #expect(duplicate.status == 3 && duplicate.stdoutText.contains("duplicate key \"a\""))
    let invalidUTF8 = try iotctl(["schema", "validate", "--dialect", "kaa", "--op", "metadata.update", "-"], stdin: Data([0x22, 0xFF, 0x22]))
    #expect(invalidUTF8.status == 3)
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let tooDeep = try iotctl(["schema", "validate", "--dialect", "kaa", "--op", "data", "-"], stdin: Data(deep.utf8), timeout: 20)
    #expect(tooDeep.status == 3 && tooDeep.stdoutText.contains("nest"))
  }

  @Test func lintNamesTheFileAndPlace() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let good = directory.appendingPathComponent("good.json")
    try #"{"profile": 1, "name": "mine", "extends": "xyte"}"#.write(to: good, atomically: true, encoding: .utf8)
    let bad = directory.appendingPathComponent("bad.json")
    try #"{"profile": 1, "name": "bad", "variables": {"id": {"description": "d"}}, "operations": {"t": {"summary": "s", "direction": "up", "pattern": "publish", "topic": "x/{idd}", "confidence": "confirmed"}}}"#
      .write(to: bad, atomically: true, encoding: .utf8)
    let result = try iotctl(["dialects", "lint", good.path, bad.path])
    #expect(result.status == 3)
    #expect(result.stdoutText.contains("\(good.path): ok"))
    #expect(result.stdoutText.contains("\(bad.path): /operations/t/topic: \"x/{idd}\" uses {idd}, which is not declared in /variables"))
    #expect(result.stderr == "iotctl: error: 1 of 2 profile files has problems (listed on stdout)\n")
  }
}
