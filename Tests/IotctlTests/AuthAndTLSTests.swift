import Foundation
import IotctlTestSupport
import Testing

/// Password-protected and TLS brokers: credentials from every source, and refusals that say why.
@Suite struct AuthAndTLSTests {
  func passwordBroker() throws -> Broker {
    let directory = try temporaryDirectory()
    let passwords = directory.appendingPathComponent("passwd").path
    let made = try run(try #require(which("mosquitto_passwd")), ["-c", "-b", passwords, "device", "s3cret"])
    try #require(made.status == 0, "mosquitto_passwd failed: \(made.stderr)")
    return try Broker(config: ["allow_anonymous false", "password_file \(passwords)"])
  }

  @Test func wrongPasswordIsNotAuthorizedInOneLine() throws {
    let broker = try passwordBroker()
    let result = try iotctl(["pub"] + broker.address + ["-u", "device", "-P", "wrong", "-t", "a", "-m", "x"])
    #expect(result.status == 6)
    #expect(result.stderr.contains("not authorised") || result.stderr.contains("bad user name or password"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!result.stderr.contains("wrong"))
  }

  @Test func passwordFromFileAndEnvironment() throws {
    let broker = try passwordBroker()
    let file = try broker.file("pw.txt", "s3cret\n")
    let fromFile = try iotctl(["pub"] + broker.address + ["-u", "device", "--password-file", file, "-t", "a", "-m", "x"])
    #expect(fromFile.status == 0, "\(fromFile.stderr)")
    let fromEnv = try iotctl(
      ["pub"] + broker.address + ["-u", "device", "--password-env", "DEVICE_PW", "-t", "a", "-m", "x"],
      environment: ["DEVICE_PW": "s3cret"])
    #expect(fromEnv.status == 0, "\(fromEnv.stderr)")
    let missing = try iotctl(["pub"] + broker.address + ["-u", "device", "--password-env", "NOPE_UNSET", "-t", "a", "-m", "x"])
    #expect(missing.status == 3)
    #expect(missing.stderr.contains("NOPE_UNSET"))
  }

  /// --password-prompt asks on the terminal, after every other check: a missing topic is reported
  /// without a prompt, and the typed password is what the broker checks.
  @Test func thePasswordPromptComesLastAndItsAnswerGoesToTheBroker() throws {
    let broker = try passwordBroker()
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/on_terminal.py").path
    let python = try #require(which("python3"))
    let prompt = ["pub", "--password-prompt", "-u", "device", "-m", "hi"] + broker.address
    let noTopic = try run(python, [script, "s3cret", iotctlPath] + prompt)
    #expect(noTopic.status == 2, "\(noTopic.stdoutText)")
    #expect(noTopic.stdoutText.contains("no topic") && !noTopic.stdoutText.contains("Password"), "\(noTopic.stdoutText)")
    let right = try run(python, [script, "s3cret", iotctlPath] + prompt + ["-t", "a", "-q", "1"])
    #expect(right.status == 0 && right.stdoutText.contains("Password for device:"), "\(right.stdoutText)")
    let wrong = try run(python, [script, "guess", iotctlPath] + prompt + ["-t", "a", "-q", "1"])
    #expect(wrong.status == 6, "\(wrong.stdoutText)")
  }

  @Test func debugOutputMasksThePassword() throws {
    let broker = try passwordBroker()
    let result = try iotctl(["pub"] + broker.address + ["-u", "device", "-P", "s3cret", "-t", "a", "-m", "x", "-d"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("password ****"))
    #expect(!result.stderr.contains("s3cret"))
  }

  @Test func refusedLoginIsNeverRetriedForever() throws {
    let broker = try passwordBroker()
    let started = Date()
    let result = try iotctl(
      ["sub"] + broker.address + ["-u", "device", "-P", "wrong", "-t", "a", "--reconnect", "forever"], timeout: 30)
    #expect(result.status == 6)
    #expect(Date().timeIntervalSince(started) < 10)
  }

  func tlsBroker() throws -> (Broker, ca: String) {
    let broker = try Broker.tls()
    return (broker.broker, broker.ca)
  }

  @Test func tlsWithCAFileDelivers() throws {
    let (broker, ca) = try tlsBroker()
    let peer = try Background(
      which("mosquitto_sub")!, ["-h", "localhost", "-p", String(broker.port), "--cafile", ca, "-t", "secure", "-C", "1"])
    usleep(500_000)
    let result = try iotctl(["pub", "-h", "localhost", "-p", String(broker.port), "--cafile", ca, "-t", "secure", "-m", "tls-ok", "-q", "1"])
    #expect(result.status == 0, "\(result.stderr)")
    let received = peer.wait(timeout: 10)
    #expect(received.stdoutText == "tls-ok\n")
  }

  @Test func untrustedCertificateFailsWithTLSHint() throws {
    let (broker, _) = try tlsBroker()
    let result = try iotctl(["pub", "-h", "localhost", "-p", String(broker.port), "--tls-use-os-certs", "-t", "a", "-m", "x"])
    #expect(result.status == 4)
    #expect(result.stderr.contains("TLS"))
    let insecure = try iotctl(
      ["pub", "-h", "localhost", "-p", String(broker.port), "--tls-use-os-certs", "--insecure", "-t", "a", "-m", "x"])
    #expect(insecure.status == 0, "\(insecure.stderr)")
  }

  @Test func plainClientOnTLSPortIsUnreachableNotHung() throws {
    let (broker, _) = try tlsBroker()
    let result = try iotctl(["pub"] + broker.address + ["-t", "a", "-m", "x", "--connect-timeout", "5"], timeout: 20)
    #expect(result.status == 4)
  }
}
