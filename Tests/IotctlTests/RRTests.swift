import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `rr` against a paho-mqtt responder: only the reply with this request's correlation data counts.
@Suite struct RRTests {
  static let responderScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Peers/responder.py").path

  func startResponder(_ broker: Broker, decoy: Bool = false, echoesCorrelation: Bool = true) throws -> Background {
    let python = try #require(which("python3"))
    let responder = try Background(
      python,
      [Self.responderScript, String(broker.port), "rr/req"] + (decoy ? ["--decoy"] : [])
        + (echoesCorrelation ? [] : ["--no-correlation"]))
    let ready = eventually(timeout: 15) { !responder.stdoutSoFar.isEmpty }
    try #require(ready, "responder did not start (is paho-mqtt installed?): \(responder.stderrSoFar)")
    return responder
  }

  @Test func ignoresRetainedStaleReplyAndDecoys() throws {
    let broker = try Broker()
    try broker.peerPublish(["-t", "rr/resp", "-m", "stale", "-r", "-q", "1"])
    let responder = try startResponder(broker, decoy: true)
    defer { responder.kill() }
    let result = try iotctl(["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-m", "ping", "-W", "10"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText == "pong:ping\n")
  }

  @Test func jsonLinesCarryLatencyAndCorrelation() throws {
    let broker = try Broker()
    let responder = try startResponder(broker)
    defer { responder.kill() }
    let result = try iotctl(
      ["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-m", "x", "--latency", "--output", "jsonl",
        "--correlation-data", "abc"])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser.parse(result.stdoutText.trimmingCharacters(in: .newlines))
    #expect(record["payload"] == "pong:x")
    #expect(record["properties"]?["correlation_data_base64"] == .string(Base64.encode(Array("abc".utf8))))
    #expect((record["latency_ms"]?.numberValue?.doubleValue ?? -1) >= 0)
  }

  @Test func lineModeSendsOneRequestPerLine() throws {
    let broker = try Broker()
    let responder = try startResponder(broker)
    defer { responder.kill() }
    let result = try iotctl(
      ["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-l"], stdin: Data("a\nb\nc\n".utf8))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutLines == ["pong:a", "pong:b", "pong:c"])
  }

  @Test func noReplyTimesOutWith27() throws {
    let broker = try Broker()
    let result = try iotctl(["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-m", "x", "-W", "0.5"])
    #expect(result.status == 27)
    #expect(result.stderr.contains("no reply on 'rr/resp'"))
  }

  /// A reply without correlation data is not ours, but the timeout says it came and how to take it.
  @Test func repliesWithoutCorrelationDataAreNamedAndAcceptedOnRequest() throws {
    let broker = try Broker()
    let responder = try startResponder(broker, echoesCorrelation: false)
    defer { responder.kill() }
    let strict = try iotctl(["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-m", "ping", "-W", "1"])
    #expect(strict.status == 27)
    #expect(
      strict.stderr == "iotctl: error: no reply on 'rr/resp' within 1 s for request 1 to 'rr/req'; 1 reply arrived without "
        + "correlation data (the responder does not echo it): accept with --any-reply\n", "\(strict.stderr)")
    let any = try iotctl(["rr"] + broker.address + ["-t", "rr/req", "-e", "rr/resp", "-m", "ping", "-W", "10", "--any-reply"])
    #expect(any.status == 0, "\(any.stderr)")
    #expect(any.stdoutText == "pong:ping\n")
  }
}
