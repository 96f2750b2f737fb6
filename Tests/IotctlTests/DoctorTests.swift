import Foundation
import IotctlTestSupport
import Testing

/// `iotctl doctor` against real brokers: each step's verdict and the exit status of the first failure.
@Suite struct DoctorTests {
  /// The verdict ("ok" or "FAIL") of each step, by name.
  func steps(_ result: ProcessResult) -> [String: String] {
    var verdicts: [String: String] = [:]
    for line in result.stdoutText.split(separator: "\n") {
      let words = line.split(separator: " ", omittingEmptySubsequences: true)
      if words.count >= 2, words[0] == "ok" || words[0] == "FAIL" { verdicts[String(words[1])] = String(words[0]) }
    }
    return verdicts
  }

  @Test func aHealthyBrokerPassesEveryStep() throws {
    let broker = try Broker()
    let result = try iotctl(["doctor"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(steps(result) == ["context": "ok", "dns": "ok", "tcp": "ok", "tls": "ok", "mqtt": "ok", "round": "ok"])
  }

  /// The TLS step shows the chain with its dates and verifies it the way a device would.
  @Test func tlsShowsTheChainAndVerifies() throws {
    let (broker, ca) = try Broker.tls()
    let result = try iotctl(["doctor", "-h", "localhost", "-p", String(broker.port), "--cafile", ca])
    #expect(result.status == 0, "\(result.stderr)\(result.stdoutText)")
    #expect(steps(result)["tls"] == "ok" && steps(result)["round"] == "ok")
    #expect(result.stdoutText.contains("SNI localhost") && result.stdoutText.contains("host name matches"))
    // Made for 2 days: 2 when the clock has not ticked since, else 1.
    let leaf = "cert 0: /CN=localhost, issued by /CN=iotctl test CA, expires in "
    #expect(result.stdoutText.contains(leaf + "1 day (renew soon)") || result.stdoutText.contains(leaf + "2 days (renew soon)"))
    #expect(result.stdoutText.contains("cert 1: /CN=iotctl test CA"))
  }

  @Test func tlsNamesWhatDoesNotVerifyAndTheFix() throws {
    let (expired, ca) = try Broker.tls(days: -1)
    let old = try iotctl(["doctor", "-h", "127.0.0.1", "-p", String(expired.port), "--cafile", ca])
    #expect(old.status == 4 && steps(old)["tls"] == "FAIL" && steps(old)["mqtt"] == nil)
    #expect(old.stdoutText.contains("certificate has expired") && old.stdoutText.contains("EXPIRED 1 day ago"))
    #expect(old.stdoutText.contains("fix: the broker's certificate (or one in its chain) has expired"))

    let (elsewhere, otherCA) = try Broker.tls(names: "DNS:broker.example.com")
    let wrongName = try iotctl(["doctor", "-h", "127.0.0.1", "-p", String(elsewhere.port), "--cafile", otherCA])
    #expect(wrongName.status == 4 && wrongName.stdoutText.contains("IP address mismatch"))
    #expect(wrongName.stdoutText.contains("fix: connect by a name or address the certificate lists"))

    let unknownCA = try iotctl(["doctor", "-h", "localhost", "-p", String(elsewhere.port), "--tls-use-os-certs"])
    #expect(unknownCA.status == 4 && unknownCA.stdoutText.contains("fix: trust the CA that signed it: --cafile"))

    let insecure = try iotctl(["doctor", "-h", "127.0.0.1", "-p", String(expired.port), "--cafile", ca, "--insecure"])
    #expect(insecure.stdoutText.contains("NOT verified (--insecure): it would fail: certificate has expired"))

    let plain = try Broker()
    let notTLS = try iotctl(["doctor"] + plain.address + ["--cafile", ca])
    #expect(notTLS.status == 4 && steps(notTLS)["tls"] == "FAIL" && notTLS.stdoutText.contains("speaks TLS"))
  }

  @Test func aClosedPortFailsAtTCP() throws {
    let port = try freePort()
    let result = try iotctl(["doctor", "-h", "127.0.0.1", "-p", String(port)])
    #expect(result.status == 4)
    #expect(steps(result)["tcp"] == "FAIL" && steps(result)["mqtt"] == nil && result.stdoutText.contains("fix:"))
  }

  @Test func anUnknownHostFailsAtDNS() throws {
    let result = try iotctl(["doctor", "-h", "no-such-host.invalid"])
    #expect(result.status == 4 && steps(result)["dns"] == "FAIL")
  }

  @Test func wrongCredentialsFailAtMQTT() throws {
    let passwords = try temporaryDirectory().appendingPathComponent("passwords").path
    let made = try run(try #require(which("mosquitto_passwd")), ["-c", "-b", passwords, "device", "s3cret"])
    try #require(made.status == 0, "mosquitto_passwd failed: \(made.stderr)")
    let broker = try Broker(config: ["allow_anonymous false", "password_file \(passwords)"])
    let refused = try iotctl(["doctor"] + broker.address + ["-u", "device", "-P", "wrong"])
    #expect(refused.status == 6)
    #expect(steps(refused)["tcp"] == "ok" && steps(refused)["mqtt"] == "FAIL" && refused.stdoutText.contains("credentials"))
    #expect(!refused.stdoutText.contains("wrong") && !refused.stderr.contains("wrong"))
    #expect(try iotctl(["doctor"] + broker.address + ["-u", "device", "-P", "s3cret"]).status == 0)
  }

  /// The round trip through a dialect operation, answered by the emulator, with everything from a context.
  @Test func aContextAndADialectOperation() throws {
    let broker = try Broker()
    let home = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: home) }
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard"], readyWithin: 30)
    defer { emulator.stop() }
    let environment = ["XDG_CONFIG_HOME": home.path]
    let set = try iotctl(
      ["context", "set", "lab", "--dialect", "thingsboard", "--broker", "mqtt://127.0.0.1:\(broker.port)", "--var", "token=T1", "--use"],
      environment: environment)
    try #require(set.status == 0, "\(set.stderr)")
    let result = try iotctl(["doctor", "--op", "attributes.request"], environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText.contains("context lab, dialect thingsboard") && steps(result)["round"] == "ok")
  }
}
