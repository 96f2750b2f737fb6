import Foundation
import IotctlTestSupport
import Testing

/// The one-shot `pub` runs without ArgumentParser for the common flags (Support/QuickPub.swift). Each line
/// here runs twice: as written (the quick path) and with `--connect-timeout 10`, the default spelled out,
/// which only the full parser takes. Both must deliver the same message (seen by mosquitto_sub) and end
/// with the same status and message.
@Suite struct QuickPubTests {
  @Test func theQuickPathBehavesAsTheFullParser() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "quick/#", "-q", "2", "-V", "5", "-F", "%t|%q|%r|%p"])
    let closed = String(try freePort())
    let lines: [[String]] = [
      ["-t", "quick/a", "-m", "hello"],
      ["-t", "quick/b", "-m", "{\"t\": 21.5}", "-q", "1", "-r"],
      ["-t", "quick/c", "-n", "-q", "2", "-V", "5", "-i", "quick-id", "-u", "someone"],
      ["-t", "quick/d", "-m", "ünïcode", "-q", "1", "-V", "311"],
      ["-t", "quick/#", "-m", "x"],
      ["-t", "quick/e", "-m", "x", "-m", "y"],
      ["-t", "quick/f", "-m", "x", "-q", "3"],
    ]
    var expectedLines = 0
    for line in lines {
      let quick = try iotctl(["pub"] + broker.address + line)
      let full = try iotctl(["pub"] + broker.address + line + ["--connect-timeout", "10"])
      #expect(quick.status == full.status, "\(line): \(quick.stderr) / \(full.stderr)")
      #expect(quick.stderr == full.stderr, "\(line)")
      if quick.status == 0 { expectedLines += 2 }
    }
    let refusedQuick = try iotctl(["pub", "-h", "127.0.0.1", "-p", closed, "-t", "quick/z", "-m", "x"])
    let refusedFull = try iotctl(["pub", "-h", "127.0.0.1", "-p", closed, "-t", "quick/z", "-m", "x", "--connect-timeout", "10"])
    #expect(refusedQuick.status == 4 && refusedQuick.status == refusedFull.status && refusedQuick.stderr == refusedFull.stderr)

    let received = peer.waitForLines(expectedLines, timeout: 20)
    #expect(received.count == expectedLines, "\(received)")
    // Each message arrives twice in a row, identical: once from each path.
    for pair in stride(from: 0, to: received.count - 1, by: 2) {
      #expect(received[pair] == received[pair + 1], "\(received[pair]) / \(received[pair + 1])")
    }
    #expect(received.contains("quick/b|1|0|{\"t\": 21.5}") && received.contains("quick/c|2|0|"))

    // -r on the quick path alone: a later subscriber gets the retained message.
    #expect(try iotctl(["pub"] + broker.address + ["-t", "kept/quick", "-m", "kept", "-r", "-q", "1"]).status == 0)
    let later = try run(try #require(which("mosquitto_sub")), broker.address + ["-t", "kept/quick", "-C", "1", "-W", "5", "-F", "%r|%p"])
    #expect(later.stdoutText == "1|kept\n")
  }
}
