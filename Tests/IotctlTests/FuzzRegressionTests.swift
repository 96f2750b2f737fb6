import Foundation
import IotctlTestSupport
import Testing

/// Every input under Fuzz/Regressions/TARGET (each one a fuzzer once crashed or hung on) runs through
/// its target in the plain build of iotctl-fuzz, which must exit 0; and a seed of each kind, so that the
/// harness itself is known to work.
@Suite struct FuzzRegressionTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let harness = productsDirectory.appendingPathComponent("iotctl-fuzz").path

  @Test(arguments: ["json", "schema", "profile", "template", "context", "record", "url", "control"])
  func everyRegressionInputRunsThrough(_ target: String) throws {
    let folder = Self.root.appendingPathComponent("Fuzz/Regressions/\(target)")
    let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0).path }
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let seed = scratch.appendingPathComponent("seed")
    try Data(Self.seeds[target]!.utf8).write(to: seed)
    let result = try run(Self.harness, [target, seed.path] + inputs, timeout: 120)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText == "ran \(inputs.count + 1) inputs through \(target)\n", "\(result.stdoutText)")
  }

  static let seeds = [
    "json": #"{"a": [1, 2.5e300, "\u00e9", null, true]}"#,
    "schema": "{\"type\": \"object\", \"properties\": {\"at\": {\"format\": \"date-time\"}}}\n{\"at\": \"2026-02-30T00:00:00Z\"}",
    "profile": #"{"profile": 1, "name": "x", "title": "t", "operations": {}}"#,
    "template": "kp1/{app}/epmx/{token}/get/{requestId?}",
    "context": #"{"current": "a", "contexts": {"a": {"dialect": "kaa"}}}"#,
    "record": #"{"topic": "a/b", "qos": 1, "payload": "aGk=", "encoding": "base64", "properties": {"message_expiry": 60}}"#,
    "url": "mqtts://user:secret@[::1]:8883/a/b",
    "control": #"{"push": "rpc.server", "payload": {"method": "m"}, "vars": {"token": "t", "n": 1}}"#,
  ]
}
