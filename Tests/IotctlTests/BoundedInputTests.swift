import Foundation
import Glibc
import IotctlTestSupport
import Testing

/// Issue 19, item 7: a line longer than --max-line (default MQTT's largest payload) ends the run with an
/// input error naming it, after the lines before it were delivered, instead of a buffer that grows with
/// the input.
@Suite struct BoundedInputTests {
  @Test func aLineOverTheLimitIsAnInputErrorAfterTheLinesBefore() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-t", "bounded", "-v", "-q", "1"])
    let input = "first\n" + String(repeating: "x", count: 5_000) + "\nthird\n"
    let result = try iotctl(["pub", "-t", "bounded", "-l", "-q", "1", "--max-line", "1000"] + broker.address, stdin: Data(input.utf8))
    #expect(result.status == 3)
    #expect(result.stderr.contains("line 2 is longer than 1000 bytes (--max-line"), "\(result.stderr)")
    #expect(peer.waitForLines(1, timeout: 10) == ["bounded first"])
  }

  @Test func theLimitIsCheckedAsAFlag() throws {
    for value in ["0", "268435456", "-5"] {
      let result = try iotctl(["pub", "-t", "a", "-l", "--max-line", value, "--dry-run"])
      #expect(result.status == 2, "\(value): \(result.stderr)")
    }
    let oneShot = try iotctl(["pub", "-t", "a", "-m", "x", "--max-line", "10", "--dry-run"])
    #expect(oneShot.status == 2 && oneShot.stderr.contains("apply to -l only"), "\(oneShot.stderr)")
  }

  /// A flood of large retained messages to a reader that does not keep up: the messages waiting for it
  /// stop at 64 MiB of payload, and the network thread stops reading until there is room.
  @Test func aRetainedFloodToASlowReaderStaysBounded() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let megabyte = String(repeating: "x", count: 1 << 20)
    let lines = (1...160).map { "flood/\($0)\t\(megabyte)" }.joined(separator: "\n") + "\n"
    let stored = try iotctl(["pub", "-l", "--line-format", "tsv", "-r", "-q", "1"] + broker.address, stdin: Data(lines.utf8), timeout: 120)
    try #require(stored.status == 0, "\(stored.stderr)")
    // A reader that never reads: a FIFO held open and left alone.
    let fifo = broker.directory.appendingPathComponent("slow-reader").path
    try #require(mkfifo(fifo, 0o600) == 0)
    let reader = open(fifo, O_RDONLY | O_NONBLOCK)
    defer { close(reader) }
    let arguments = (["sub", "-t", "flood/#", "--output", "jsonl"] + broker.address).map { "'\($0)'" }.joined(separator: " ")
    let watcher = try Background("/bin/sh", ["-c", "exec '\(iotctlPath)' \(arguments) > '\(fifo)'"])
    defer { watcher.kill() }
    Thread.sleep(forTimeInterval: 4)
    #expect(watcher.isRunning)
    let status = try String(contentsOfFile: "/proc/\(watcher.pid)/status", encoding: .utf8)
    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) }
    let kilobytes = try #require(peak)
    print("retained flood of 160 MiB to a reader that does not read: peak RSS \(kilobytes / 1024) MiB")
    #expect(kilobytes < 130 * 1024, "peak RSS \(kilobytes / 1024) MiB")
  }
}
