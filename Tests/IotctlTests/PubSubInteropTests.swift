import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// iotctl against independent peers (mosquitto_pub, mosquitto_sub) on a real broker.
@Suite struct PubSubInteropTests {
  @Test func pubTextReachesMosquittoSub() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "interop/#", "-v", "-q", "1"])
    let result = try iotctl(["pub"] + broker.address + ["-t", "interop/text", "-m", "héllo wörld", "-q", "1"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(peer.waitForLines(1) == ["interop/text héllo wörld"])
  }

  @Test func pubBinaryFileArrivesByteForByte() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bytes = Data((0..<1024).map { UInt8(($0 * 7) % 256) })
    let file = directory.appendingPathComponent("blob.bin")
    try bytes.write(to: file)
    let peer = try PeerSubscriber(broker, ["-t", "interop/bin", "-F", "%t %x"])
    let result = try iotctl(["pub"] + broker.address + ["-t", "interop/bin", "-f", file.path, "-q", "2"])
    #expect(result.status == 0, "\(result.stderr)")
    let hex = bytes.map { String(format: "%02x", $0) }.joined()
    #expect(peer.waitForLines(1) == ["interop/bin \(hex)"])
  }

  @Test func mosquittoPubIsReportedExactlyInJSONLines() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let binary = Data([0x00, 0xFF, 0xFE, 0x80, 0x0A])
    try binary.write(to: directory.appendingPathComponent("b.bin"))
    let sub = try broker.iotctlSubscriber(["-V", "5", "-t", "j/#", "-q", "1", "-C", "2", "--output", "jsonl"])
    try broker.peerPublish(["-V", "5", "-t", "j/text", "-m", "hi \"there\"", "-q", "1",
      "-D", "PUBLISH", "user-property", "k", "v", "-D", "PUBLISH", "content-type", "text/plain"])
    try broker.peerPublish(["-t", "j/bin", "-f", directory.appendingPathComponent("b.bin").path])
    let result = sub.wait(timeout: 10)
    #expect(result.status == 0, "\(result.stderr)")
    let records = try result.stdoutLines.map { try JSONParser.parse($0) }
    try #require(records.count == 2)
    #expect(records[0]["topic"] == "j/text")
    #expect(records[0]["qos"] == 1)
    #expect(records[0]["retain"] == false)
    #expect(records[0]["payload"] == "hi \"there\"")
    #expect(records[0]["encoding"] == "utf8")
    #expect(records[0]["properties"]?["user_properties"] == [["k", "v"]])
    #expect(records[0]["properties"]?["content_type"] == "text/plain")
    #expect(records[0]["received_at"]?.stringValue?.hasSuffix("Z") == true)
    #expect(records[1]["topic"] == "j/bin")
    #expect(records[1]["qos"] == 0)
    #expect(records[1]["encoding"] == "base64")
    #expect(records[1]["payload"] == .string(Base64.encode(binary)))
    #expect(records[1]["payload_length"] == 5)
  }

  @Test func subSkipsRetainedAndFilteredTopics() throws {
    let broker = try Broker()
    try broker.peerPublish(["-t", "r/stale", "-m", "old", "-r"])
    let sub = try broker.iotctlSubscriber(["-t", "r/#", "-R", "-T", "r/noise/#", "-v", "-C", "1"])
    try broker.peerPublish(["-t", "r/noise/x", "-m", "ignored"])
    try broker.peerPublish(["-t", "r/fresh", "-m", "new"])
    let result = sub.wait(timeout: 10)
    #expect(result.status == 0)
    #expect(result.stdoutLines == ["r/fresh new"])
  }

  @Test func subTimeoutExitsWith27AndCountsProgress() throws {
    let broker = try Broker()
    let result = try iotctl(["sub"] + broker.address + ["-t", "quiet/#", "-C", "3", "-W", "0.5"])
    #expect(result.status == 27)
    #expect(result.stderr.contains("0 of 3 messages"))
  }

  @Test func brokerURLGivesHostPortAndTopic() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "url/#", "-v"])
    let result = try iotctl(["pub", "-L", "mqtt://127.0.0.1:\(broker.port)/url/topic", "-m", "via-url"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(peer.waitForLines(1) == ["url/topic via-url"])
  }

  @Test func jsonLinesCaptureReplaysIdentically() throws {
    let broker = try Broker()
    let captureArguments = ["-V", "5", "-t", "cap/#", "-C", "3", "--output", "jsonl"]
    let capture = try broker.iotctlSubscriber(captureArguments)
    try broker.peerPublish(["-V", "5", "-t", "cap/a", "-m", "{\"x\":1}", "-D", "PUBLISH", "user-property", "u", "1"])
    try broker.peerPublish(["-t", "cap/b", "-n"])
    try broker.peerPublish(["-t", "cap/c", "-m", "tab\tinside"])
    let captured = capture.wait(timeout: 10)
    #expect(captured.stdoutLines.count == 3)

    let replay = try broker.iotctlSubscriber(captureArguments)
    let sent = try iotctl(["pub"] + broker.address + ["-V", "5", "-l", "--line-format", "jsonl", "-q", "1"], stdin: captured.stdout)
    #expect(sent.status == 0, "\(sent.stderr)")
    let replayed = replay.wait(timeout: 10)
    func essentials(_ lines: [String]) throws -> [JSONValue] {
      try lines.map { line in
        var object = try #require(JSONParser.parse(line).objectValue)
        object["received_at"] = nil
        return .object(object)
      }
    }
    #expect(try essentials(replayed.stdoutLines) == essentials(captured.stdoutLines))
  }
}
