import Foundation
import IotctlTestSupport
import Testing

/// `pub -l` across network faults (a ``FaultProxy`` between iotctl and a real mosquitto), counted at a
/// persistent `mosquitto_sub -q 1 -c` connected to the broker directly: every line arrives at least
/// once; QoS 1 allows duplicates, which are counted.
@Suite(.serialized) struct LineModeFaultTests {
  struct Counts: CustomStringConvertible {
    var missing: [Int]
    var duplicates: Int
    var description: String { "\(missing.count) missing (first \(missing.prefix(5))), \(duplicates) duplicates" }
  }

  /// Which of lines 1...total the subscriber printed, and how many twice or more (printed, for the
  /// record of what each fault costs).
  static func count(_ lines: [String], total: Int, function: String = #function) -> Counts {
    let counts = tally(lines, total: total)
    print("\(function): \(total) lines sent, \(counts)")
    return counts
  }

  static func tally(_ lines: [String], total: Int) -> Counts {
    var seen = [Int](repeating: 0, count: total + 1)
    for line in lines {
      if let number = Int(line.split(separator: " ").last ?? ""), (1...total).contains(number) { seen[number] += 1 }
    }
    return Counts(missing: (1...total).filter { seen[$0] == 0 }, duplicates: seen.reduce(0) { $0 + max($1 - 1, 0) })
  }

  /// Feeds `total` lines to `publisher` in `parts` parts, calling `fault(part)` between them.
  static func feed(_ publisher: Background, total: Int, parts: Int, fault: (Int) -> Void) {
    let size = total / parts
    for part in 0..<parts {
      let lines = ((part * size + 1)...((part + 1) * size)).map(String.init).joined(separator: "\n") + "\n"
      publisher.write(Data(lines.utf8))
      Thread.sleep(forTimeInterval: 0.15)
      fault(part)
    }
    publisher.closeInput()
  }

  static let sessionProbe = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Peers/session_present.py").path

  /// `pub -l --reconnect forever` with `flags` through `proxy`: 20,000 lines, with the connection
  /// dropped three times once lines arrive; what `received` counted.
  static func publishAcrossThreeDrops(
    _ flags: [String], _ proxy: FaultProxy, _ received: PeerSubscriber, function: String = #function
  ) throws -> (ProcessResult, Counts) {
    let publisher = try Background(iotctlPath, ["pub", "-l", "--reconnect", "forever"] + flags + proxy.address)
    feed(publisher, total: 20_000, parts: 10) { part in
      guard part % 3 == 1 else { return }
      // Past CONNACK: a connection dropped before its first CONNACK is a failure to connect, not retried.
      _ = eventually(timeout: 30) { !received.lines.isEmpty }
      proxy.dropAll()
    }
    let result = publisher.wait(timeout: 60)
    #expect(proxy.acceptedCount >= 3, "the faults did not happen: \(proxy.acceptedCount) connections")
    return (result, count(received.waitForLines(20_000, timeout: 30), total: 20_000, function: function))
  }

  func subscriber(_ broker: Broker, _ topic: String) throws -> PeerSubscriber {
    try PeerSubscriber(broker, ["-t", topic, "-q", "1", "-c", "-i", "persistent-\(topic)", "-v"])
  }

  @Test func everyLineArrivesAcrossDroppedConnections() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let received = try subscriber(broker, "dropped")
    let (result, counts) = try Self.publishAcrossThreeDrops(["-t", "dropped", "-q", "1"], proxy, received)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(counts.missing.count == 0, "\(counts)")
  }

  @Test func everyLineArrivesAcrossAStallLongerThanTheKeepalive() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let received = try subscriber(broker, "stalled")
    let publisher = try Background(
      iotctlPath, ["pub", "-t", "stalled", "-l", "-q", "1", "--reconnect", "forever", "-k", "5"] + proxy.address)
    try #require(eventually(timeout: 10) { proxy.acceptedCount == 1 })
    let before = proxy.acceptedCount
    Self.feed(publisher, total: 4_000, parts: 4) { part in
      guard part == 1 else { return }
      // Nothing passes either way: libmosquitto's ping goes unanswered, and after 1.5 keepalives it
      // gives the connection up and reconnects, through the proxy, which forwards again.
      proxy.hold()
      #expect(eventually(timeout: 20) { proxy.acceptedCount > before }, "no reconnect after the stall")
      proxy.release()
    }
    let result = publisher.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let counts = Self.count(received.waitForLines(4_000, timeout: 30), total: 4_000)
    #expect(counts.missing.count == 0, "\(counts)")
  }

  @Test func aPacketCutInHalfIsSentAgain() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let received = try subscriber(broker, "cut")
    let publisher = try Background(iotctlPath, ["pub", "-t", "cut", "-l", "-q", "1", "--reconnect", "5"] + proxy.address)
    Self.feed(publisher, total: 6_000, parts: 6) { part in
      guard part == 2 else { return }
      _ = eventually(timeout: 30) { !received.lines.isEmpty }
      proxy.cutNextPacket()
    }
    let result = publisher.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let counts = Self.count(received.waitForLines(6_000, timeout: 30), total: 6_000)
    #expect(counts.missing.count == 0, "\(counts)")
  }

  /// Without --reconnect the run ends at the drop with exit 9, naming the first line not confirmed and
  /// how to resume; --from-line then sends the rest.
  @Test func theDefaultPolicyNamesTheLineToResumeFrom() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let received = try subscriber(broker, "resume")
    let publisher = try Background(iotctlPath, ["pub", "-t", "resume", "-l", "-q", "1"] + proxy.address)
    Self.feed(publisher, total: 3_000, parts: 3) { part in
      guard part == 0 else { return }
      _ = eventually(timeout: 30) { !received.lines.isEmpty }
      proxy.dropAll()
    }
    let result = publisher.wait(timeout: 60)
    #expect(result.status == 9, "\(result.stderr)")
    let resume = try #require(
      result.stderr.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) },
      "\(result.stderr)")
    #expect(result.stderr.contains("resume with --from-line \(resume)"), "\(result.stderr)")
    let all = (1...3_000).map(String.init).joined(separator: "\n") + "\n"
    let rest = try iotctl(
      ["pub", "-t", "resume", "-l", "-q", "1", "--from-line", String(resume)] + broker.address, stdin: Data(all.utf8))
    #expect(rest.status == 0, "\(rest.stderr)")
    let counts = Self.count(received.waitForLines(3_000, timeout: 30), total: 3_000)
    #expect(counts.missing.count == 0, "\(counts)")
  }

  /// mosquitto takes 20 QoS 2 messages in flight from an MQTT 3.1.1 client and drops the rest without a
  /// word; iotctl keeps within that, so every line arrives exactly once.
  @Test func qos2OverMQTT311StaysWithinTheBrokersWindow() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let received = try subscriber(broker, "exactly")
    let lines = (1...5_000).map(String.init).joined(separator: "\n") + "\n"
    let result = try iotctl(["pub", "-t", "exactly", "-l", "-q", "2", "-V", "311"] + broker.address, stdin: Data(lines.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    let counts = Self.count(received.waitForLines(5_000, timeout: 30), total: 5_000)
    #expect(counts.missing.count == 0 && counts.duplicates == 0, "\(counts)")
  }

  /// A broker with persistence stopped (SIGTERM) and started again while the lines keep coming:
  /// every line arrives at the persistent subscriber. The restart waits until the subscriber has what
  /// was sent so far: mosquitto 2.0.11 loses part of what it holds queued for a subscriber across its
  /// own restart, whoever published it (bench/broker_restart.py measures that for paho too).
  @Test func everyLineArrivesAcrossABrokerRestart() throws {
    let store = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: store) }
    chmod(store.path, 0o777)  // mosquitto drops root and writes its store as its own user
    let broker = try Broker(config: Broker.unboundedQueues + ["persistence true", "persistence_location \(store.path)/"])
    let received = try subscriber(broker, "restarted")
    let publisher = try Background(
      iotctlPath, ["pub", "-t", "restarted", "-l", "-q", "1", "--reconnect", "forever", "-c", "-i", "pub-restarted"] + broker.address)
    Self.feed(publisher, total: 10_000, parts: 10) { part in
      guard part == 4 else { return }
      _ = eventually(timeout: 30) { received.lines.count >= 5_000 }
      broker.stop()
      Thread.sleep(forTimeInterval: 0.3)
      try? broker.start()
    }
    let result = publisher.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let counts = Self.count(received.waitForLines(10_000, timeout: 30), total: 10_000)
    #expect(counts.missing.count == 0, "\(counts)")
    // The restarted broker's own log: the publisher came back to it.
    #expect(broker.log.contains("as pub-restarted"), "\(broker.log)")
  }

  /// QoS 2 across dropped connections, without -c: a broker that started a clean session would have
  /// forgotten a message whose PUBREC came before the drop, and libmosquitto's resent PUBREL would then
  /// complete it for nothing. iotctl holds its session for the run instead (under a client id of its
  /// own, or the user's), so every line arrives exactly once, and ends it with the run.
  @Test(arguments: [("5", nil), ("311", nil), ("311", "mine-311")])
  func qos2AcrossDroppedConnectionsArrivesExactlyOnce(version: String, ownID: String?) throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let proxy = try FaultProxy(to: broker.port)
    let received = try PeerSubscriber(broker, ["-t", "twice", "-q", "2", "-c", "-i", "persistent-twice", "-v"])
    let flags = ["-t", "twice", "-q", "2", "-V", version] + (ownID.map { ["-i", $0] } ?? [])
    let (result, counts) = try Self.publishAcrossThreeDrops(flags, proxy, received)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("exactly-once only"), "\(result.stderr)")
    #expect(counts.missing.count == 0 && counts.duplicates == 0, "\(counts)")
    // The session held for the run (c0 in the broker's log) ends with it: the broker keeps nothing for
    // that client id.
    let clientID = try #require(broker.log.firstMatch(of: /as ((?:iotctl|mine)-[0-9a-f-]+) \(p[25], c0/)?.1, "\(broker.log.suffix(500))")
    if let ownID { #expect(clientID == ownID) }
    let python = try #require(which("python3"))
    let probe = try run(python, [Self.sessionProbe, String(broker.port), String(clientID)])
    #expect(probe.stdoutText == "absent\n", "\(probe.stdoutText)\(probe.stderr)")
  }

  /// Under the user's client id, the session held for the run starts clean: an earlier session's
  /// queued message is not delivered to it, as it is to a `-c` run that resumes that session.
  @Test func aSessionHeldUnderTheUsersIDStartsClean() throws {
    let broker = try Broker()
    let subscriber = try #require(which("mosquitto_sub"))
    for id in ["mine-held", "mine-kept"] {
      // An earlier session under the id, subscribed to "old", with one message queued for it.
      _ = try run(subscriber, broker.address + ["-c", "-i", id, "-q", "1", "-t", "old", "-W", "1"])
      try broker.peerPublish(["-t", "old", "-q", "1", "-m", "queued for \(id)"])
    }
    let held = try iotctl(["pub", "-t", "a", "-m", "x", "-q", "2", "--reconnect", "3", "-i", "mine-held", "-d"] + broker.address)
    #expect(held.status == 0, "\(held.stderr)")
    #expect(!held.stderr.contains("received PUBLISH"), "\(held.stderr)")
    // The control: resuming the session (-c) does receive it, so its absence above means something.
    let kept = try iotctl(["pub", "-t", "a", "-m", "x", "-q", "2", "--reconnect", "3", "-c", "-i", "mine-kept", "-d"] + broker.address)
    #expect(kept.status == 0, "\(kept.stderr)")
    #expect(kept.stderr.contains("received PUBLISH"), "\(kept.stderr)")
  }
}
