import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `iotctl emulate` driven by independent peers (mosquitto_pub, mosquitto_sub, mosquitto_rr).
@Suite struct EmulatorTests {
  /// mosquitto_rr: one request, the reply's payload.
  func exchange(_ broker: Broker, request: String, response: String, payload: String?, version: String = "mqttv311") throws -> String {
    let rr = try #require(which("mosquitto_rr"), "mosquitto_rr is not installed")
    let message = payload.map { ["-m", $0] } ?? ["-n"]
    let result = try run(rr, broker.address + ["-V", version, "-t", request, "-e", response, "-W", "5"] + message)
    #expect(result.status == 0, "mosquitto_rr on \(request): \(result.stderr)")
    return result.stdoutText.trimmingCharacters(in: .newlines)
  }

  @Test func kaaKeepsMetadataWithFullAndPartialUpdates() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=app1"])
    let base = "kp1/app1/epmx/tok1"
    #expect(try exchange(broker, request: "\(base)/update/1", response: "\(base)/update/1/status", payload: #"{"name":"S1","model":"m1","site":"lab"}"#) == "")
    #expect(try exchange(broker, request: "\(base)/update/keys/2", response: "\(base)/update/keys/2/status", payload: #"{"model":"m2"}"#) == "")
    #expect(try exchange(broker, request: "\(base)/delete/keys/3", response: "\(base)/delete/keys/3/status", payload: #"["site"]"#) == "")
    let all = try exchange(broker, request: "\(base)/get/4", response: "\(base)/get/4/status", payload: "{}")
    #expect(try JSONParser.parse(all) == JSONParser.parse(#"{"name":"S1","model":"m2"}"#))
    // A full update replaces: keys left out are gone.
    _ = try exchange(broker, request: "\(base)/update/5", response: "\(base)/update/5/status", payload: #"{"name":"S2"}"#)
    #expect(try exchange(broker, request: "\(base)/get/keys/6", response: "\(base)/get/keys/6/status", payload: nil) == #"["name"]"#)
    #expect(emulator.record("metadata.update")?["variables"]?["token"]?.stringValue == "tok1")
  }

  @Test func kaaAnswersInvalidRequestsOnErrorWithTheRFCShape() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=app1"])
    let base = "kp1/app1/epmx/tok1/update/keys/9"
    let reply = try JSONParser.parse(try exchange(broker, request: base, response: "\(base)/error", payload: #"{"bad key": 1}"#))
    #expect(reply["statusCode"] == 400)
    #expect(reply["reasonPhrase"]?.stringValue?.contains("/bad key") == true)
    #expect(reply.objectValue?.keys == ["statusCode", "reasonPhrase"])
    let record = try #require(emulator.record("metadata.patch"))
    #expect(record["verdict"] == "invalid")
    // Broken JSON: an error answer too, and the emulator carries on.
    let broken = try exchange(broker, request: "kp1/app1/epmx/tok1/update/10", response: "kp1/app1/epmx/tok1/update/10/error", payload: "{not json")
    #expect(try JSONParser.parse(broken)["statusCode"] == 400)
    #expect(try exchange(broker, request: "kp1/app1/bcx/tok1/token/11", response: "kp1/app1/bcx/tok1/token/11/status", payload: nil).contains("token"))
  }

  @Test func kaaServesPendingCommandsAndConfiguration() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config.json")
    try #"{"interval": 30}"#.write(to: config, atomically: true, encoding: .utf8)
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=app1", "--command", #"reboot={"delay":5}"#, "--config", config.path])
    defer { withExtendedLifetime(emulator) {} }
    let base = "kp1/app1/cex/tok1"
    let pending = try JSONParser.parse(try exchange(broker, request: "\(base)/command/reboot/1", response: "\(base)/command/reboot/1/status", payload: #"{"observe":false}"#))
    #expect(pending == JSONValue.array([["id": 1, "payload": ["delay": 5]]]))
    _ = try exchange(broker, request: "\(base)/result/reboot/2", response: "\(base)/result/reboot/2/status", payload: #"[{"id":1,"statusCode":200}]"#)
    #expect(try exchange(broker, request: "\(base)/command/reboot/3", response: "\(base)/command/reboot/3/status", payload: "{}") == "[]")
    let configuration = try JSONParser.parse(try exchange(broker, request: "kp1/app1/cmx/tok1/config/json/4", response: "kp1/app1/cmx/tok1/config/json/4/status", payload: "{}"))
    #expect(configuration["config"] == ["interval": 30])
    let id = try #require(configuration["configId"]?.stringValue)
    let unchanged = try exchange(broker, request: "kp1/app1/cmx/tok1/config/json/5", response: "kp1/app1/cmx/tok1/config/json/5/status", payload: #"{"configId":"\#(id)"}"#)
    #expect(unchanged == "{}")
  }

  @Test func thingsBoardAnswersAttributesRPCAndProvisioning() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(
      broker, ["--dialect", "thingsboard", "--shared", "fw_version=1.2.0", "--shared", "interval=30", "--provision", "NOT_FOUND"])
    let attributes = try JSONParser.parse(
      try exchange(broker, request: "v1/devices/me/attributes/request/7", response: "v1/devices/me/attributes/response/7", payload: #"{"sharedKeys":"fw_version,missing"}"#))
    #expect(attributes == ["shared": ["fw_version": "1.2.0"]])
    let limits = try JSONParser.parse(
      try exchange(broker, request: "v1/devices/me/rpc/request/8", response: "v1/devices/me/rpc/response/8", payload: #"{"method":"getSessionLimits","params":{}}"#))
    #expect(limits["maxPayloadSize"] == 65536)
    let provision = try JSONParser.parse(
      try exchange(broker, request: "/provision/request", response: "/provision/response",
        payload: #"{"deviceName":"d1","provisionDeviceKey":"k","provisionDeviceSecret":"s"}"#))
    #expect(provision == ["status": "NOT_FOUND", "errorMsg": "Provision data was not found!"])
    let telemetry = try broker.peerPublish(["-t", "v1/devices/me/telemetry", "-m", #"{"ts": "yesterday", "values": {"t": 1}}"#])
    #expect(telemetry.status == 0)
    let record = try #require(emulator.record("telemetry"))
    #expect(record["verdict"] == "invalid")
    #expect(record["platform"] != nil)
  }

  @Test func thingsBoardPushesServerRPCAndLogsTheDevicesReply() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard"])
    let device = try PeerSubscriber(broker, ["-t", "v1/devices/me/rpc/request/+", "-v"])
    emulator.send(#"{"push": "rpc.server", "payload": {"method": "setValve", "params": {"open": true}}, "vars": {"requestId": "41"}}"#)
    #expect(device.waitForLines(1) == [#"v1/devices/me/rpc/request/41 {"method":"setValve","params":{"open":true}}"#])
    try broker.peerPublish(["-t", "v1/devices/me/rpc/response/41", "-m", #"{"ok":true}"#])
    let reply = try #require(emulator.record("rpc.server", part: "reply"))
    #expect(reply["variables"]?["requestId"] == "41")
    #expect(reply["payload"] == ["ok": true])
  }

  @Test func xytePushesWithResponseTopicAndCorrelationData() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config.json")
    try #"{"version": "7", "brightness": 80}"#.write(to: config, atomically: true, encoding: .utf8)
    let emulator = try EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev1", "--config", config.path])
    let device = try PeerSubscriber(broker, ["-V", "5", "-t", "v1/device/dev1/+", "-F", "%t|%R|%D|%p"])
    emulator.send(#"{"push": "commands", "payload": {"id": "c-1", "status": "pending", "name": "reboot", "parameters": {}}}"#)
    try broker.peerPublish(["-V", "5", "-t", "v1/device/dev1/get", "-n", "-D", "PUBLISH", "user-property", "device_id", "dev1"])
    let lines = device.waitForLines(3)
    #expect(lines.contains(#"v1/device/dev1/commands|v1/device/dev1/commands/update|c-1|{"id":"c-1","status":"pending","name":"reboot","parameters":{}}"#))
    #expect(lines.contains { $0.hasPrefix("v1/device/dev1/config|v1/device/dev1/config/update|") && $0.hasSuffix(#"{"version":"7","brightness":80}"#) })
    try broker.peerPublish([
      "-V", "5", "-t", "v1/device/dev1/commands/update", "-m", #"{"id":"c-1","status":"done"}"#, "-D", "PUBLISH", "correlation-data", "c-1",
    ])
    // The device's status update answers the pushed command: the record names the push and its reply.
    let update = try #require(emulator.record("commands", part: "reply"))
    #expect(update["verdict"] == "valid" && update["correlation_data"] == "c-1")
  }

  @Test func edgeIQAnswersTheConfigRequest() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "edgeiq"])
    defer { withExtendedLifetime(emulator) {} }
    let reply = try JSONParser.parse(
      try exchange(broker, request: "u/acme/dev1/config", response: "d/acme/dev1/gateway_commands/send_config_v3", payload: #"{"config_version":3,"requested":true}"#))
    #expect(reply["command_type"] == "send_config_v3")
    #expect(reply["payload"]?["md5"]?.stringValue?.count == 32)
  }

  @Test func mediumOneLogsEventsAndPushesUpdates() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "mediumone", "--var", "project=p1", "--var", "user=u1"])
    emulator.send(#"{"push": "update", "payload": "fw=2.0", "vars": {"device": "dev1", "updateType": "firmware"}}"#)
    _ = eventually { emulator.records.contains { $0["event"] == "pushed" } }
    // Updates are retained: a device that subscribes afterwards still gets it.
    let device = try PeerSubscriber(broker, ["-t", "1/p1/u1/dev1/#", "-F", "%t %p retained=%r"])
    #expect(device.waitForLines(1) == ["1/p1/u1/dev1/update/firmware fw=2.0 retained=1"])
    try broker.peerPublish(["-t", "0/p1/u1/dev1", "-m", #"{"event_data": {"temp": 21}}"#])
    let event = try #require(emulator.record("event"))
    #expect(event["variables"] == ["device": "dev1", "project": "p1", "user": "u1"])
    #expect(event["verdict"] == "valid")
  }

  /// The Python interpreter of `.venv`, where scripts/setup installs tb-mqtt-client.
  static var peersPython: String? {
    var directory = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { directory.deleteLastPathComponent() }
    let python = directory.appendingPathComponent(".venv/bin/python").path
    return FileManager.default.isExecutableFile(atPath: python) ? python : nil
  }

  /// ThingsBoard's own SDK downloads the firmware from the emulator and its checksum check passes.
  @Test(arguments: [("SHA256", 0), ("MD5", 4096), ("CRC32", 1000)])
  func thingsBoardSDKDownloadsAndVerifiesFirmware(algorithm: String, chunkSize: Int) throws {
    let python = try #require(Self.peersPython, "tb-mqtt-client is not installed: run scripts/setup")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/tb_firmware.py").path
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let image = Data((0..<50_000).map { UInt8(($0 * 31) % 251) })
    let firmware = directory.appendingPathComponent("sensor-fw.bin")
    try image.write(to: firmware)
    let emulator = try EmulatorProcess(
      broker, ["--dialect", "thingsboard", "--fw-file", firmware.path, "--fw-version", "2.1.0", "--fw-checksum-algorithm", algorithm])
    let output = directory.appendingPathComponent("downloaded.bin")
    let sdk = try run(python, [script, "127.0.0.1", String(broker.port), "device-token", output.path, String(chunkSize)], timeout: 60)
    #expect(sdk.status == 0, "\(sdk.stdoutText) \(sdk.stderr)")
    #expect(sdk.stdoutText == "verified 50000 2.1.0\n")
    #expect(try Data(contentsOf: output) == image)
    let chunks = emulator.records.filter { $0["operation"]?.stringValue == "fw.chunk" }
    #expect(chunks.count == (chunkSize == 0 ? 1 : (50_000 + chunkSize - 1) / chunkSize))
    #expect(chunks.allSatisfy { $0["verdict"] == "valid" })
  }

  @Test func thingsBoardChunkRules() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let firmware = directory.appendingPathComponent("fw.bin")
    try Data(count: 2500).write(to: firmware)
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--fw-file", firmware.path])
    defer { withExtendedLifetime(emulator) {} }
    let device = try PeerSubscriber(broker, ["-t", "v2/fw/response/+/chunk/+", "-t", "v2/fw/error", "-F", "%t %l"])
    try broker.peerPublish(["-t", "v2/fw/request/5/chunk/0", "-m", "1000", "-q", "1"])
    try broker.peerPublish(["-t", "v2/fw/request/5/chunk/2", "-n", "-q", "1"])  // size remembered: bytes 2000..2499
    try broker.peerPublish(["-t", "v2/fw/request/5/chunk/3", "-n", "-q", "1"])  // past the end: empty
    try broker.peerPublish(["-t", "v2/fw/request/6/chunk/0", "-n", "-q", "1"])  // nothing remembered: the whole image
    try broker.peerPublish(["-t", "v2/fw/request/7/chunk/0", "-m", "70000", "-q", "1"])
    #expect(
      device.waitForLines(5) == [
        "v2/fw/response/5/chunk/0 1000", "v2/fw/response/5/chunk/2 500", "v2/fw/response/5/chunk/3 0",
        "v2/fw/response/6/chunk/0 2500", "v2/fw/error 17",
      ])
  }

  @Test func rawIotctlVerbsDriveTheEmulator() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=app1", "--var", "token=tok1"])
    let base = "kp1/app1/epmx/tok1"
    let update = try iotctl(["rr"] + broker.address + ["-V", "311", "-t", "\(base)/update/1", "-e", "\(base)/update/1/status", "-m", #"{"name":"S1"}"#, "-W", "5"])
    #expect(update.status == 0, "\(update.stderr)")
    let get = try iotctl(["rr"] + broker.address + ["-V", "311", "-t", "\(base)/get/2", "-e", "\(base)/get/2/status", "-m", "{}", "-W", "5"])
    #expect(get.stdoutText == #"{"name":"S1"}"# + "\n")
    // Another endpoint's token is not this emulator's device: logged as an unknown topic, not answered.
    try broker.peerPublish(["-t", "kp1/app1/epmx/other/get/3", "-m", "{}"])
    _ = eventually { emulator.records.contains { $0["topic"] == "kp1/app1/epmx/other/get/3" } }
    #expect(emulator.records.first { $0["topic"] == "kp1/app1/epmx/other/get/3" }?["verdict"] == "unknown-topic")
  }

  @Test func rawIotctlVerbsTalkToThingsBoardAndXyte() throws {
    let broker = try Broker()
    let thingsboard = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--shared", "mode=eco"])
    // MQTT 5 rr: the emulator hands the correlation data back, so iotctl takes the reply as its own.
    let attributes = try iotctl(
      ["rr"] + broker.address + [
        "-t", "v1/devices/me/attributes/request/3", "-e", "v1/devices/me/attributes/response/3", "-m", #"{"sharedKeys":"mode"}"#, "-W", "5",
      ])
    #expect(attributes.status == 0, "\(attributes.stderr)")
    #expect(attributes.stdoutText == #"{"shared":{"mode":"eco"}}"# + "\n")
    withExtendedLifetime(thingsboard) {}
    let xyte = try EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev9"])
    let device = try broker.iotctlSubscriber(["-V", "5", "-t", "v1/device/dev9/license", "-C", "1", "--output", "jsonl"])
    xyte.send(#"{"push": "license", "payload": {"id": "lic-1", "data": "x", "signature": "s"}}"#)
    let received = device.wait(timeout: 10)
    let record = try JSONParser.parse(received.stdoutText)
    #expect(record["properties"]?["response_topic"] == "v1/device/dev9/license/update")
    #expect(record["properties"]?["correlation_data_base64"] == .string(Base64.encode(Array("lic-1".utf8))))
  }

  /// Xyte's get re-publishes the licenses it holds; doing so must not add them to the licenses again.
  @Test func snapshotsRepeatTheSameLicenses() throws {
    let broker = try Broker()
    let xyte = try EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev9"])
    let device = try PeerSubscriber(broker, ["-V", "5", "-t", "v1/device/dev9/license", "-F", "%t %p"])
    xyte.send(#"{"push": "license", "payload": {"id": "lic-1"}}"#)
    #expect(eventually { device.lines.count == 1 })
    for expected in [2, 3] {
      try broker.peerPublish(["-V", "5", "-t", "v1/device/dev9/get", "-n"])
      #expect(eventually { device.lines.count == expected }, "\(device.lines)")
    }
    let lines = device.waitForLines(3)
    #expect(lines.dropFirst() == [#"v1/device/dev9/license [{"id":"lic-1"}]"#, #"v1/device/dev9/license [{"id":"lic-1"}]"#], "\(lines)")
  }

  @Test func badDeviceInputIsLoggedAndTheEmulatorCarriesOn() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=app1"])
    try broker.peerPublish(["-t", "kp1/app1/epmx/tok1/get/abc", "-m", "{}"])  // a request id that is not a number
    try broker.peerPublish(["-t", "kp1/app1/dcx/tok1/json/5", "-m", "[1, 2"])  // broken JSON
    try broker.peerPublish(["-t", "kp1/app1/dcx/tok1/json/6", "-f", "/dev/null"])  // empty
    emulator.send("this is not JSON")
    let keys = try exchange(broker, request: "kp1/app1/epmx/tok1/get/keys/7", response: "kp1/app1/epmx/tok1/get/keys/7/status", payload: nil)
    #expect(keys == "[]")
    let records = emulator.records
    #expect(records.first { $0["topic"] == "kp1/app1/epmx/tok1/get/abc" }?["verdict"] == "unknown-topic")
    let broken = try #require(records.first { $0["topic"] == "kp1/app1/dcx/tok1/json/5" })
    #expect(broken["verdict"] == "malformed" && broken["answered"] == "kp1/app1/dcx/tok1/json/5/error")
    #expect(records.first { $0["topic"] == "kp1/app1/dcx/tok1/json/6" }?["verdict"] == "malformed")
    // stdin is read on a thread of its own, so the warning may come after the exchange above.
    #expect(eventually { emulator.process.stderrSoFar.contains("stdin line ignored") }, "\(emulator.process.stderrSoFar)")
  }
}

