import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// Device verbs (`telemetry send`, `op`, `rr --dialect`) against the emulator, checked on the wire by
/// mosquitto_sub.
@Suite struct DeviceVerbTests {
  /// A running emulator, stopped when the test ends.
  final class Platform {
    let process: Background

    init(_ broker: Broker, _ arguments: [String]) throws {
      process = try Background(iotctlPath, ["emulate"] + broker.address + arguments)
      guard eventually(timeout: 10, { String(decoding: self.process.stdoutSoFar, as: UTF8.self).contains("\"ready\"") }) else {
        throw TestSetupError(description: "the emulator did not start: \(process.stderrSoFar)")
      }
    }

    deinit {
      process.terminate()
      _ = process.wait(timeout: 5)
    }
  }

  @Test func thingsBoardTelemetryOnTheWire() throws {
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-t", "v1/devices/me/telemetry", "-q", "1", "-F", "%t|%q|%p"])
    let result = try iotctl(
      ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T1"] + broker.address + [
        "temperature=21.5", "door=open", "ok=true", "--ts", "1700000000123",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(wire.waitForLines(1) == [#"v1/devices/me/telemetry|1|{"ts":1700000000123,"values":{"temperature":21.5,"door":"open","ok":true}}"#])
  }

  @Test func xyteTelemetryCarriesTheUserProperties() throws {
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-V", "5", "-t", "v1/device/+/telemetry", "-F", "%t|%P|%p"])
    let result = try iotctl(
      ["telemetry", "send", "--dialect", "xyte", "--var", "id=dev7"] + broker.address + ["fan_speed=80", "--ts", "1628063144122"],
      environment: ["XYTE_ACCESS_KEY": "k3y"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      wire.waitForLines(1) == [
        #"v1/device/dev7/telemetry|device_id:dev7 access_key:k3y|{"status":"online","timestamp":"2021-08-04T07:45:44.122Z","telemetries":{"fan_speed":80}}"#
      ])
  }

  @Test func mediumOneAndEdgeIQShapes() throws {
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-t", "0/#", "-t", "u/#", "-F", "%t|%p"])
    let medium = try iotctl(
      ["telemetry", "send", "--dialect", "mediumone", "--var", "project=p1", "--var", "user=u1", "--var", "device=d1"]
        + broker.address + ["temp=3", "--ts", "1700000000123"])
    #expect(medium.status == 0, "\(medium.stderr)")
    let heartbeat = try iotctl(
      ["telemetry", "send", "--dialect", "edgeiq", "--var", "company=c1", "--var", "device=d1", "--as", "heartbeat"]
        + broker.address + ["cpu_usage=12.5"])
    #expect(heartbeat.status == 0, "\(heartbeat.stderr)")
    #expect(
      wire.waitForLines(2) == [
        #"0/p1/u1/d1|{"event_data":{"temp":3},"observed_at":"2023-11-14T22:13:20.123000Z"}"#,
        #"u/c1/d1/reports/hb|{"cpu_usage":"12.5"}"#,
      ])
  }

  @Test func kaaTelemetryWithAckWaitsForStatusAndMapsErrors() throws {
    let broker = try Broker()
    let platform = try Platform(broker, ["--dialect", "kaa"])
    defer { withExtendedLifetime(platform) {} }
    let base = ["--dialect", "kaa", "--var", "app=a1", "--var", "token=tok1"] + broker.address
    let ok = try iotctl(["telemetry", "send"] + base + ["--ack", #"{"t": 21}"#])
    #expect(ok.status == 0, "\(ok.stderr)")
    // The emulator answers an invalid request on /error: iotctl maps it to its own exit status.
    let refused = try iotctl(["op", "metadata.patch", #"{"bad key": 1}"#, "--no-validate"] + base)
    #expect(refused.status == 11)
    #expect(refused.stderr.contains(#""statusCode":400"#) && !refused.stderr.contains("tok1"))
  }

  @Test func opAndDialectRRRunRequestResponse() throws {
    let broker = try Broker()
    let platform = try Platform(broker, ["--dialect", "thingsboard", "--shared", "interval=30"])
    defer { withExtendedLifetime(platform) {} }
    let base = ["--dialect", "thingsboard", "--var", "token=T1"] + broker.address
    let attributes = try iotctl(["op", "attributes.request", #"{"sharedKeys":"interval"}"#] + base)
    #expect(attributes.stdoutText == #"{"shared":{"interval":30}}"# + "\n", "\(attributes.stderr)")
    let limits = try iotctl(["rr", "--op", "rpc.client", "-m", #"{"method":"getSessionLimits","params":{}}"#] + base)
    #expect(try JSONParser.parse(limits.stdoutText)["maxPayloadSize"] == 65536, "\(limits.stderr)")
    let gateway = try iotctl(["op", "gateway.attributes.request", #"{"device":"Pump 1","client":false,"key":"interval"}"#] + base)
    #expect(try JSONParser.parse(gateway.stdoutText)["value"] == 30, "\(gateway.stderr)")
    let provision = try iotctl(
      ["op", "provision", #"{"deviceName":"d9","provisionDeviceKey":"k","provisionDeviceSecret":"s"}"#, "-u", "provision"] + base)
    #expect(try JSONParser.parse(provision.stdoutText)["status"] == "SUCCESS", "\(provision.stderr)")
  }

  @Test func aBadRecordInTheMiddleOfTenThousandLines() throws {
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-t", "v1/devices/me/telemetry", "-q", "1", "-v"])
    var lines = (1...10_000).map { #"{"n": \#($0)}"# }
    lines[4_999] = #"{"n": [1, 2]}"#  // arrays are not telemetry values
    let input = Data((lines.joined(separator: "\n") + "\n").utf8)
    let result = try iotctl(
      ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T1", "--lines", "--on-invalid", "skip"] + broker.address,
      stdin: input)
    #expect(result.status == 10)
    #expect(result.stderr.contains("line 5000:"))
    #expect(result.stderr.contains("skipped 1 invalid line (first: 5000); 9999 valid lines were sent and acknowledged"))
    #expect(wire.waitForLines(9_999).count == 9_999)
    let aborted = try iotctl(
      ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T1", "--lines"] + broker.address, stdin: input)
    #expect(aborted.status == 10 && aborted.stderr.contains("stopped at line 5000; 4999 valid lines were sent"))
  }

  @Test func missingVariablesAndSchemaViolationsStopBeforeSending() throws {
    let missing = try iotctl(["telemetry", "send", "--dialect", "kaa", "--var", "app=a1", "t=1", "--dry-run"])
    #expect(missing.status == 2 && missing.stderr.contains("--var token=VALUE"))
    let invalid = try iotctl(["telemetry", "send", "--dialect", "xyte", "--var", "id=d", "--var", "access_key=k", "a=1", "--status", "asleep"])
    #expect(invalid.status == 10 && invalid.stderr.contains("/status"))
    let dry = try iotctl(["op", "metadata.get", "--dialect", "kaa", "--var", "app=a1", "--var", "token=secret-token", "--dry-run"])
    #expect(dry.status == 0 && !dry.stdoutText.contains("secret-token") && dry.stdoutText.contains("mosquitto_rr"))
  }
}
