import Foundation
import IotctlTestSupport
import Testing

/// `pub -l`: one connection, a bounded window, and a delivery report that never lies.
@Suite(.serialized) struct LineModeTests {
  @Test func hundredThousandLinesAtQoS1AllArrive() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let peer = try PeerSubscriber(broker, ["-t", "bulk/q1", "-q", "1", "-F", "%t %p"])
    let input = Data((1...100_000).map { "\($0)\n" }.joined().utf8)
    let result = try iotctl(["pub"] + broker.address + ["-t", "bulk/q1", "-l", "-q", "1"], stdin: input, timeout: 120)
    #expect(result.status == 0, "\(result.stderr)")
    let lines = peer.waitForLines(100_000, timeout: 60)
    #expect(lines.count == 100_000)
    #expect(Set(lines) == Set((1...100_000).map { "bulk/q1 \($0)" }))
  }

  @Test func brokerStoppedMidStreamNamesFirstUnacknowledgedLine() throws {
    let broker = try Broker()
    let pub = try Background(iotctlPath, ["pub"] + broker.address + ["-t", "bulk/cut", "-l", "-q", "1"])
    pub.write(Data((1...5_000).map { "\($0)\n" }.joined().utf8))
    usleep(300_000)
    broker.kill()
    pub.write(Data((5_001...6_000).map { "\($0)\n" }.joined().utf8))
    pub.closeInput()
    let result = pub.wait(timeout: 30)
    #expect(result.status == 9, "\(result.stderr)")
    #expect(result.stderr.contains("connection lost"))
    let firstLine = result.stderr.split(separator: "\n").first ?? ""
    #expect(result.stderr.split(separator: "\n").count == 1)
    let range = try #require(firstLine.range(of: #"from line (\d+) on"#, options: .regularExpression))
    let number = Int(firstLine[range].split(separator: " ")[2])!
    #expect((1...6_001).contains(number))
    #expect(firstLine.contains("were acknowledged"))
  }

  /// The loop runs on the reading thread; while stdin is quiet it still sends keepalive pings. Without
  /// them mosquitto drops a -k 5 client after 1.5 keepalives (here it took between 9 and 15 s, hence 13 s
  /// of quiet), and the second line would not be delivered.
  @Test func quietInputKeepsTheConnectionAlive() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "quiet", "-q", "1", "-v"])
    let pub = try Background(iotctlPath, ["pub"] + broker.address + ["-t", "quiet", "-l", "-q", "1", "-k", "5"])
    pub.write(Data("first\n".utf8))
    sleep(13)
    pub.write(Data("second\n".utf8))
    pub.closeInput()
    let result = pub.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(peer.waitForLines(2) == ["quiet first", "quiet second"])
  }

  /// A broker that goes away while stdin is quiet ends the run at once, not at the next line.
  @Test func brokerLostWhileInputIsQuietEndsTheRun() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "quiet", "-v", "-q", "1"])
    let pub = try Background(iotctlPath, ["pub"] + broker.address + ["-t", "quiet", "-l", "-q", "1"])
    pub.write(Data("first\n".utf8))
    // Once the first line is through, the connection is up: a slow build (ASan) took longer than a
    // fixed half second to get there.
    #expect(eventually(timeout: 30) { peer.lines == ["quiet first"] })
    broker.kill()
    let result = pub.wait(timeout: 10)
    #expect(result.status == 9, "\(result.stderr)")
    #expect(result.stderr.contains("connection lost"))
    #expect(result.stderr.contains("nothing from line 2 on is confirmed delivered"))
    pub.closeInput()
  }

  /// Lines longer than the reader's 64 KiB buffer grow it and arrive whole.
  @Test func longLinesArriveWhole() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "long", "-F", "%t %l"])
    let input = String(repeating: "x", count: 100_000) + "\n" + String(repeating: "y", count: 300_000) + "\nend"
    let result = try iotctl(["pub"] + broker.address + ["-t", "long", "-l", "-q", "1"], stdin: Data(input.utf8))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(peer.waitForLines(3) == ["long 100000", "long 300000", "long 3"])
  }

  @Test func emptyInputAndUnterminatedLastLine() throws {
    let broker = try Broker()
    let empty = try iotctl(["pub"] + broker.address + ["-t", "edge", "-l", "-q", "1"], stdin: Data())
    #expect(empty.status == 0)
    #expect(empty.stderr.isEmpty)
    let peer = try PeerSubscriber(broker, ["-t", "edge", "-v"])
    let result = try iotctl(["pub"] + broker.address + ["-t", "edge", "-l", "-q", "1"], stdin: Data("a\n\nlast".utf8))
    #expect(result.status == 0)
    #expect(result.stderr.contains("skipped 1 empty lines"))
    #expect(peer.waitForLines(2) == ["edge a", "edge last"])
  }

  /// Payload lines go out from the reader's buffer as they are: binary bytes arrive unchanged, and with
  /// --empty-lines send an empty line is a zero-length message.
  @Test func binaryAndEmptyLinesArriveByteForByte() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "bin", "-F", "%t [%x]"])
    // "\0\xffA", "", then "\x80\r" with no newline at the end.
    let input: [UInt8] = [0x00, 0xFF, 0x41, 0x0A, 0x0A, 0x80, 0x0D]
    let result = try iotctl(["pub"] + broker.address + ["-t", "bin", "-l", "--empty-lines", "send"], stdin: Data(input))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(peer.waitForLines(3) == ["bin [00ff41]", "bin []", "bin [800d]"])
  }

  @Test func perLineTopicsInTSVAndJSONL() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "multi/#", "-v"])
    let tsv = try iotctl(["pub"] + broker.address + ["-l", "--line-format", "tsv"], stdin: Data("multi/a\tone\nmulti/b\ttwo\n".utf8))
    #expect(tsv.status == 0, "\(tsv.stderr)")
    let jsonl = try iotctl(
      ["pub"] + broker.address + ["-l", "--line-format", "jsonl"],
      stdin: Data((#"{"topic":"multi/c","payload":{"n":3}}"# + "\n" + #"{"topic":"multi/d","payload":"Zm91cg==","encoding":"base64"}"#).utf8))
    #expect(jsonl.status == 0, "\(jsonl.stderr)")
    #expect(peer.waitForLines(4) == ["multi/a one", "multi/b two", "multi/c {\"n\":3}", "multi/d four"])
  }

  @Test func badInputLineStopsWithItsNumberAfterDeliveringTheRest() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "bad/#", "-v"])
    let result = try iotctl(
      ["pub"] + broker.address + ["-l", "--line-format", "tsv", "-q", "1"],
      stdin: Data("bad/a\tok\nno tab here\nbad/c\tnever\n".utf8))
    #expect(result.status == 3)
    #expect(result.stderr.contains("line 2: expected topic<TAB>payload"))
    #expect(peer.waitForLines(1) == ["bad/a ok"])
  }
}
