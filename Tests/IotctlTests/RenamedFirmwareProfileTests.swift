import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// Chunked firmware is data: a profile that renames ThingsBoard's operations, topics, attribute keys and
/// progress reports fetches an image from the emulator with no Swift that knows any of the names.
@Suite struct RenamedFirmwareProfileTests {
  static let profile = #"""
    {
      "profile": 1, "name": "acme", "extends": "thingsboard",
      "title": "ThingsBoard with every firmware name changed",
      "operations": {
        "fw.chunk": null, "attributes.request": null,
        "image.piece": {
          "summary": "Ask for one piece of the image", "direction": "up", "pattern": "chunked",
          "topic": "acme/img/{requestId}/part/{chunk}", "payload": "text",
          "response": { "topic": "acme/img/{requestId}/part/{chunk}/data", "payload": "binary" },
          "error": { "topic": "acme/img/error", "payload": "text" },
          "maxChunkSize": 8192, "emulate": "chunk-server", "confidence": "inferred"
        },
        "facts.ask": {
          "summary": "Ask for shared facts", "direction": "up", "pattern": "request-id-topic",
          "topic": "acme/facts/{requestId}", "response": { "topic": "acme/facts/{requestId}/answer" },
          "emulate": "attributes-request", "confidence": "inferred"
        }
      },
      "verbs": {
        "config": { "request": "facts.ask", "push": ["attributes.updates"] },
        "firmware": {
          "request": "facts.ask", "payload": { "sharedKeys": "img_name,img_rev,img_bytes,img_sum,img_hash" },
          "push": ["attributes.updates"],
          "fields": {
            "title": ["/shared/img_name", "/img_name"], "version": ["/shared/img_rev", "/img_rev"],
            "size": ["/shared/img_bytes", "/img_bytes"], "checksum": ["/shared/img_sum", "/img_sum"],
            "algorithm": ["/shared/img_hash", "/img_hash"]
          },
          "chunks": "image.piece",
          "states": {
            "operation": "telemetry",
            "downloading": { "img_state": "FETCHING" }, "verified": { "img_state": "GOOD", "img": "{version}" },
            "failed": { "img_state": "BAD", "why": "{message}" }
          }
        }
      }
    }
    """#

  @Test func aRenamedProfileFetchesChunkedFirmware() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let profile = directory.appendingPathComponent("acme.json")
    try Data(Self.profile.utf8).write(to: profile)
    let lint = try iotctl(["dialects", "lint", profile.path])
    #expect(lint.status == 0, "\(lint.stdoutText) \(lint.stderr)")
    let image = Data((0..<30_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
    let source = directory.appendingPathComponent("image.bin")
    try image.write(to: source)
    let emulator = try EmulatorProcess(
      broker, ["--dialect-file", profile.path, "--fw-file", source.path, "--fw-version", "7.1", "--fw-checksum-algorithm", "SHA512"])
    defer { emulator.stop() }
    let target = directory.appendingPathComponent("out.bin")
    let result = try iotctl(
      ["fw", "fetch", "--dialect-file", profile.path, "--var", "token=T1", "--chunk-size", "4096", "-o", target.path, "-W", "5"]
        + broker.address, timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Data(contentsOf: target) == image)
    let pieces = emulator.records.filter { $0["operation"]?.stringValue == "image.piece" }
    #expect(pieces.count >= 8, "\(emulator.log)")
    #expect(emulator.log.contains(#""img_state":"FETCHING""#))
    #expect(eventually { emulator.log.contains(#""img_state":"GOOD","img":"7.1""#) }, "\(emulator.log)")
    #expect(!emulator.log.contains("fw_state") && !emulator.log.contains("v2/fw"))
    let tooBig = try iotctl(
      ["fw", "fetch", "--dialect-file", profile.path, "--var", "token=T1", "--chunk-size", "10000", "-o", target.path] + broker.address)
    #expect(tooBig.status == 2 && tooBig.stderr.contains("limit of 8192 bytes per chunk (image.piece)"), "\(tooBig.stderr)")
  }
}
