import Foundation
import IotctlTestSupport
import Testing

/// Bad input gets one line on stderr and its own exit status.
@Suite struct BadInputTests {
  func expectOneLine(_ result: ProcessResult, status: Int32, mentions text: String) {
    #expect(result.status == status, "stderr: \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
    #expect(result.stderr.contains(text), "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test func unreachablePort() throws {
    let port = try freePort()
    let result = try iotctl(["pub", "-h", "127.0.0.1", "-p", String(port), "-t", "a", "-m", "x"])
    expectOneLine(result, status: 4, mentions: "cannot reach broker 127.0.0.1:\(port)")
  }

  /// -h names the broker; a value that fails an option group's check must still be a usage error, not the
  /// verb's help with status 0 (the verb parsed as a root of its own takes -h as help).
  @Test func groupValidationWithTheHostFlagIsAUsageError() throws {
    let lines: [[String]] = [
      ["sub", "-h", "127.0.0.1", "-t", "a", "-k", "2"],
      ["sub", "-t", "a", "--connect-timeout", "0", "-h", "127.0.0.1"],
      ["pub", "-h", "127.0.0.1", "-t", "a", "-m", "x", "-k", "2"],
      ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=t", "-h", "127.0.0.1", "-k", "2", "t=1"],
    ]
    for line in lines {
      expectOneLine(try iotctl(line), status: 2, mentions: line.contains("-k") ? "-k 2 must be 5-65535" : "--connect-timeout")
    }
  }

  @Test func wildcardInPublishTopic() throws {
    expectOneLine(try iotctl(["pub", "-t", "devices/#", "-m", "x"]), status: 2, mentions: "'devices/#'")
  }

  @Test func invalidUTF8InTopic() throws {
    let result = try run("/bin/sh", ["-c", "\"$0\" pub -t \"$(printf 'a\\377b')\" -m x", iotctlPath])
    expectOneLine(result, status: 2, mentions: "not valid UTF-8")
  }

  @Test func missingPayloadFile() throws {
    expectOneLine(
      try iotctl(["pub", "-t", "a", "-f", "/nonexistent/payload.json"]), status: 3,
      mentions: "'/nonexistent/payload.json'")
  }

  @Test func oversizedPayloadForTheBroker() throws {
    let broker = try Broker(config: ["allow_anonymous true", "max_packet_size 1000"])
    let result = try iotctl(["pub"] + broker.address + ["-V", "5", "-t", "big", "-s"], stdin: Data(count: 5000))
    expectOneLine(result, status: 3, mentions: "5000 bytes")
  }

  @Test func negativePubackIsAnError() throws {
    let broker = try Broker(config: ["allow_anonymous true"])
    let acl = try broker.file("acl", "topic write allowed/#\n")
    broker.stop()
    let restricted = try Broker(config: ["allow_anonymous true", "acl_file \(acl)"])
    let denied = try iotctl(["pub"] + restricted.address + ["-V", "5", "-t", "denied/x", "-m", "x", "-q", "1"])
    expectOneLine(denied, status: 7, mentions: "not authorized")
    let allowed = try iotctl(["pub"] + restricted.address + ["-V", "5", "-t", "allowed/x", "-m", "x", "-q", "1"])
    #expect(allowed.status == 0, "\(allowed.stderr)")
  }

  @Test func contradictoryFlagsAreUsageErrors() throws {
    expectOneLine(try iotctl(["pub", "-t", "a", "-m", "x", "-n"]), status: 2, mentions: "only one of")
    expectOneLine(try iotctl(["pub", "-t", "a", "-m", "x", "-V", "311", "--content-type", "a"]), status: 2, mentions: "-V 5")
    expectOneLine(try iotctl(["sub", "-t", "a/#/b"]), status: 2, mentions: "'a/#/b'")
  }
}
