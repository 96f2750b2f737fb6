import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `--dry-run` prints the action and a mosquitto command that really does the same.
@Suite struct DryRunTests {
  func equivalent(_ output: String) throws -> String {
    let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("equivalent:") })
    return String(line.dropFirst("equivalent:".count)).trimmingCharacters(in: .whitespaces)
  }

  @Test func dryRunConnectsToNothingAndMasksThePassword() throws {
    let port = try freePort()
    let result = try iotctl([
      "pub", "-h", "127.0.0.1", "-p", String(port), "-t", "a/b", "-m", "x", "-u", "alice", "-P", "s3cret", "--dry-run",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdoutText.contains("s3cret"))
    #expect(result.stdoutText.contains("password:   ****"))
    #expect(try equivalent(result.stdoutText).contains("-u alice -P '****'"))
  }

  @Test func theEquivalentMosquittoPubDeliversTheSameMessage() throws {
    let broker = try Broker()
    let peer = try PeerSubscriber(broker, ["-V", "5", "-t", "dry/#", "-F", "%t|%p|%P", "-q", "1"])
    let result = try iotctl(
      ["pub"] + broker.address + [
        "-V", "5", "-t", "dry/run it", "-m", "it's {\"x\": 1}", "-q", "1", "--user-property", "site=lab 1", "--dry-run",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let command = try equivalent(result.stdoutText)
    #expect(command.hasPrefix("mosquitto_pub "))
    let ran = try run("/bin/sh", ["-c", command])
    #expect(ran.status == 0, "\(ran.stderr)")
    #expect(peer.waitForLines(1) == ["dry/run it|it's {\"x\": 1}|site:lab 1"])
  }

  @Test func jsonDryRunMasksSecretsAndNamesTheTopicsItWaitsOn() throws {
    let result = try iotctl([
      "op", "metadata.get", "--dialect", "kaa", "--var", "app=app1", "--var", "token=tok-SECRET-1", "--request-id", "7",
      "-u", "bob", "-P", "pw-SECRET-2", "--dry-run", "--output", "jsonl",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdoutText.contains("SECRET"))
    let record = try JSONParser.parse(result.stdoutText)
    #expect(record["topic"] == "kp1/app1/epmx/****/get/7")
    #expect(record["response_topic"] == "kp1/app1/epmx/****/get/7/status")
    #expect(record["error_topic"] == "kp1/app1/epmx/****/get/7/error")
    #expect(record["request_id"] == 7)
    #expect(record["password"] == "****")
    // Kaa's RFC 0010: an empty payload asks for every key.
    #expect(record["payload"] == "")
  }

  @Test func rrDryRunNamesTheResponseTopic() throws {
    let result = try iotctl(["rr", "-t", "req/1", "-e", "resp/1", "-m", "ping", "--dry-run"])
    #expect(result.status == 0)
    #expect(result.stdoutText.contains("response topic: resp/1"))
    #expect(try equivalent(result.stdoutText) == "mosquitto_rr -h localhost -p 1883 -V mqttv5 -t req/1 -e resp/1 -m ping")
  }
}
