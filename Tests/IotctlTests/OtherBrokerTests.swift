import Foundation
import IotctlTestSupport
import Testing

/// The raw-verb matrix against a second broker make, RabbitMQ 3.10 with its MQTT plugin (MQTT 3.1.1, no
/// QoS 2), with mosquitto's clients and paho as the independent peers. What RabbitMQ cannot do, iotctl
/// must say plainly: QoS 2 ends in the connection closing, and MQTT 5 in no CONNACK.
///
/// One test runs the whole matrix on one broker: RabbitMQ takes 5 to 15 seconds to start.
@Suite struct OtherBrokerTests {
  @Test(.enabled(if: RabbitMQBroker.isInstalled, "rabbitmq-server is not installed (scripts/setup installs it)"))
  func theRawVerbMatrixOnRabbitMQ() throws {
    let matrix = Matrix(broker: try RabbitMQBroker())
    try matrix.oneShotPublishesAtQoS0And1ArriveAndQoS2IsExplained()
    try matrix.everyLineAtQoS1IsAcknowledgedAndCounted()
    try matrix.subscriptionsWithWildcardsPrintJSONLines()
    try matrix.retainedMessagesAreServedToLaterSubscribers()
    try matrix.requestResponseNeedsMQTT311Here()
    try matrix.theKaaEmulatorAnswersADeviceOverRabbitMQ()
  }
}

struct Matrix {
  let broker: RabbitMQBroker

  func oneShotPublishesAtQoS0And1ArriveAndQoS2IsExplained() throws {
    let peer = try PeerSubscriber(address: broker.address, ["-t", "one/#", "-v", "-q", "1"])
    for qos in ["0", "1"] {
      let result = try iotctl(["pub", "-t", "one/\(qos)", "-m", "at \(qos)", "-q", qos] + broker.address)
      #expect(result.status == 0, "\(result.stderr)")
    }
    #expect(peer.waitForLines(2) == ["one/0 at 0", "one/1 at 1"])
    let exactlyOnce = try iotctl(["pub", "-t", "one/2", "-m", "at 2", "-q", "2"] + broker.address)
    #expect(exactlyOnce.status == 9)
    #expect(exactlyOnce.stderr.contains("after a QoS 2 publish, as brokers without QoS 2 do (RabbitMQ)"), "\(exactlyOnce.stderr)")
    #expect(exactlyOnce.stderr.contains("publish with -q 1"), "\(exactlyOnce.stderr)")
  }

  func everyLineAtQoS1IsAcknowledgedAndCounted() throws {
    let peer = try PeerSubscriber(address: broker.address, ["-t", "lines", "-q", "1", "-v"])
    let lines = (1...2000).map(String.init).joined(separator: "\n") + "\n"
    let result = try iotctl(["pub", "-t", "lines", "-l", "-q", "1"] + broker.address, stdin: Data(lines.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    let received = peer.waitForLines(2000)
    #expect(received.count == 2000)
    #expect(received.last == "lines 2000")
  }

  func subscriptionsWithWildcardsPrintJSONLines() throws {
    let watcher = try Background(
      iotctlPath, ["sub", "-t", "w/+/x", "-t", "all/#", "--output", "jsonl", "-C", "2", "-W", "30", "-d"] + broker.address)
    try #require(eventually(timeout: 10) { watcher.stderrSoFar.contains("subscribed to") }, "\(watcher.stderrSoFar)")
    for (topic, payload) in [("w/2/y", "not matched"), ("all/a/b", "two"), ("w/3/x", "three")] {
      _ = try run(which("mosquitto_pub")!, broker.address + ["-t", topic, "-m", payload, "-q", "1"])
    }
    let result = watcher.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    let topics = result.stdoutLines.compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["topic"] as? String
    }
    #expect(topics == ["all/a/b", "w/3/x"], "\(result.stdoutText)")
  }

  func retainedMessagesAreServedToLaterSubscribers() throws {
    let kept = try iotctl(["pub", "-t", "kept/1", "-m", "state", "-r", "-q", "1"] + broker.address)
    #expect(kept.status == 0, "\(kept.stderr)")
    let peer = try run(which("mosquitto_sub")!, broker.address + ["-t", "kept/1", "-C", "1", "-W", "10", "-v"])
    #expect(peer.stdoutText == "kept/1 state\n", "\(peer.stderr)")
  }

  /// RabbitMQ 3.10 has no MQTT 5, so rr's default fails with a hint; with -V 311 the first reply counts.
  func requestResponseNeedsMQTT311Here() throws {
    let python = try #require(which("python3"))
    let responder = try Background(python, [RRTests.responderScript, String(broker.port), "ask", "--v311", "answer"])
    defer { responder.kill() }
    try #require(eventually(timeout: 15) { !responder.stdoutSoFar.isEmpty }, "\(responder.stderrSoFar)")
    let v5 = try iotctl(["rr", "-t", "ask", "-e", "answer", "-m", "x", "-W", "5"] + broker.address)
    #expect(v5.status == 4)
    #expect(v5.stderr.contains("try -V 311"), "\(v5.stderr)")
    let v311 = try iotctl(["rr", "-V", "311", "-t", "ask", "-e", "answer", "-m", "ping", "-W", "10"] + broker.address)
    #expect(v311.status == 0, "\(v311.stderr)")
    #expect(v311.stdoutText == "pong:ping\n")
  }

  /// The Kaa emulator and a device, both over MQTT 3.1.1 here.
  func theKaaEmulatorAnswersADeviceOverRabbitMQ() throws {
    let emulator = try Background(iotctlPath, ["emulate", "--dialect", "kaa", "--var", "app=demo_v1", "-V", "311"] + broker.address)
    defer { emulator.terminate() }
    try #require(eventually(timeout: 10) { String(decoding: emulator.stdoutSoFar, as: UTF8.self).contains("\"ready\"") }, "\(emulator.stderrSoFar)")
    let update = try iotctl(
      ["op", "metadata.update", #"{"name":"Sensor 1"}"#, "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=tok1",
        "-W", "10"] + broker.address)
    #expect(update.status == 0, "\(update.stderr)")
    let read = try iotctl(["op", "metadata.get", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=tok1", "-W", "10"] + broker.address)
    #expect(read.status == 0, "\(read.stderr)")
    #expect(read.stdoutText.contains("Sensor 1"), "\(read.stdoutText)")
  }
}
