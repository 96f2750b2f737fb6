import Foundation
import Glibc
import IotctlTestSupport
import Testing

/// SIGINT and SIGTERM end a command cleanly: DISCONNECT goes to the broker (so the broker drops the
/// will, which an independent `mosquitto_sub` would otherwise receive), the delivery report is printed,
/// and the exit status is 128 plus the signal's number.
@Suite(.serialized) struct SignalTests {
  let broker: Broker
  init() throws { broker = try Broker() }

  /// An iotctl process with a will on `will/NAME`, once the broker holds its connection.
  private func started(_ arguments: [String], will name: String, probe: String) throws -> Background {
    let process = try Background(
      iotctlPath, arguments + broker.address + ["--will-topic", "will/\(name)", "--will-payload", "gone"])
    let connected = eventually(timeout: 10) {
      _ = try? broker.peerPublish(["-t", probe, "-m", "probe"])
      return process.stdoutSoFar.count > 0 || broker.log.contains("will/\(name)") || !process.isRunning
    }
    try #require(connected && process.isRunning, "\(process.stderrSoFar)")
    return process
  }

  @Test func anInterruptedWatcherDisconnectsAndExits130() throws {
    let wills = try PeerSubscriber(broker, ["-t", "will/#", "-v"])
    let watcher = try started(["sub", "-t", "watched"], will: "clean", probe: "watched")
    watcher.signal(SIGINT)
    let result = watcher.wait(timeout: 10)
    #expect(result.status == 130, "\(result.stderr)")
    #expect(result.stderr == "iotctl: interrupted by SIGINT\n", "\(result.stderr)")

    // The control: a watcher killed without a DISCONNECT leaves its will, so its absence above means something.
    let killed = try started(["sub", "-t", "watched"], will: "killed", probe: "watched")
    killed.kill()
    let lines = wills.waitForLines(1, timeout: 10)
    #expect(lines == ["will/killed gone"], "\(lines)")
  }

  @Test func anInterruptedLinePublisherReportsAndExits143() throws {
    let data = try PeerSubscriber(broker, ["-t", "lines", "-t", "will/#", "-v"])
    let publisher = try Background(
      iotctlPath,
      ["pub", "-t", "lines", "-l", "-q", "1"] + broker.address + ["--will-topic", "will/pub", "--will-payload", "gone"])
    publisher.write(Data("a\nb\n".utf8))
    #expect(eventually(timeout: 10) { data.lines.count >= 2 })
    publisher.signal(SIGTERM)
    let result = publisher.wait(timeout: 10)
    #expect(result.status == 143, "\(result.stderr)")
    #expect(result.stderr.contains("interrupted by SIGTERM; 2 of 2 sent messages were acknowledged"), "\(result.stderr)")
    #expect(!result.stderr.contains("error"), "\(result.stderr)")
    try broker.peerPublish(["-t", "lines", "-m", "end"])
    #expect(data.waitForLines(3, timeout: 10) == ["lines a", "lines b", "lines end"])
  }

  /// A run that ends normally on the network thread (--reconnect) sends DISCONNECT too: the thread
  /// could see the stop before the DISCONNECT was queued and end without writing it, and the broker
  /// then published the will (25 of 30 runs of this loop did).
  @Test func aNormalEndWithReconnectLeavesNoWill() throws {
    let wills = try PeerSubscriber(broker, ["-t", "will/#", "-v"])
    let lines = Data((1...2_000).map { "\($0)\n" }.joined().utf8)
    for run in 1...10 {
      let result = try iotctl(
        ["pub", "-t", "lines", "-l", "-q", "1", "--reconnect", "3", "--will-topic", "will/run\(run)", "--will-payload", "gone"]
          + broker.address, stdin: lines)
      #expect(result.status == 0, "\(result.stderr)")
    }
    // The control: one killed without a DISCONNECT leaves its will, so the absence of the others means something.
    let killed = try started(["sub", "-t", "watched", "--reconnect", "3"], will: "killed", probe: "watched")
    killed.kill()
    #expect(wills.waitForLines(1, timeout: 10) == ["will/killed gone"], "\(wills.lines)")
  }

  /// rr runs libmosquitto's loop on its own thread; the signal still ends its wait at once, not at -W.
  @Test func anInterruptedRequestEndsItsWait() throws {
    let requests = try PeerSubscriber(broker, ["-t", "ask", "-v"])
    let asker = try Background(iotctlPath, ["rr", "-t", "ask", "-e", "answer", "-m", "q", "-W", "60"] + broker.address)
    #expect(requests.waitForLines(1, timeout: 10) == ["ask q"])
    let sent = Date()
    asker.signal(SIGINT)
    let result = asker.wait(timeout: 10)
    #expect(result.status == 130, "\(result.stderr)")
    #expect(Date().timeIntervalSince(sent) < 5)
  }

  /// Without an open session there is nothing to report: the signal acts as it always does.
  @Test func withoutASessionTheSignalActsAsUsual() throws {
    let reader = try Background(iotctlPath, ["schema", "validate", "--dialect", "thingsboard", "--op", "telemetry", "-"])
    Thread.sleep(forTimeInterval: 0.3)
    reader.signal(SIGTERM)
    let result = reader.wait(timeout: 10)
    #expect(result.status == 128 + SIGTERM, "\(result.stderr)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
  }

  /// A reader whose input ends as the signal arrives (Ctrl-C ends a pipeline's writer, which closes the
  /// pipe) dies of the signal rather than exiting 0: the stopped reader holds both at once when it
  /// resumes, and it may see end of input before the handler runs.
  @Test func aSignalThatArrivesWithEndOfInputStillEndsTheRun() throws {
    let schema = FileManager.default.temporaryDirectory.appendingPathComponent("signal-race-\(getpid()).json")
    try Data(#"{"type": "object"}"#.utf8).write(to: schema)
    defer { try? FileManager.default.removeItem(at: schema) }
    var statuses: [Int32] = []
    for _ in 0..<25 {
      let reader = try Background(iotctlPath, ["schema", "validate", "--schema", schema.path, "--from-records", "-"])
      Thread.sleep(forTimeInterval: 0.1)
      reader.signal(SIGSTOP)
      // SIGCONT discards a SIGSTOP not yet acted on: wait until the reader is stopped.
      #expect(eventually(timeout: 10) { Self.isStopped(reader.pid) })
      reader.closeInput()
      reader.signal(SIGINT)
      reader.signal(SIGCONT)
      statuses.append(reader.wait(timeout: 10).status)
    }
    #expect(statuses.allSatisfy { $0 == 130 }, "\(statuses)")
  }

  /// Whether /proc says `pid` is stopped (state T).
  static func isStopped(_ pid: pid_t) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return false }
    return stat[close...].dropFirst(2).first == "T"
  }
}
