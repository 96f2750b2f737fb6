import Foundation
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
}
