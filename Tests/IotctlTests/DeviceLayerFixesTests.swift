import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// Issue 15's defects, end to end: the verbs against the emulator or an independent peer, on the wire.
/// Each test failed on the main of 2026-11-23.
@Suite struct DeviceLayerFixesTests {
  /// Item a: the seed's Kaa batch keeps every value on the wire (mosquitto_sub is the witness).
  @Test func kaaBatchArrivesWhole() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let batch = directory.appendingPathComponent("batch.json")
    try Data(#"[{"temperature":21,"humidity":73},{"temperature":22,"humidity":70}]"#.utf8).write(to: batch)
    let wire = try PeerSubscriber(broker, ["-t", "kp1/#", "-F", "%t|%p"])
    let result = try iotctl(
      ["telemetry", "send", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=K1", "-f", batch.path, "--now"]
        + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    let line = try #require(wire.waitForLines(1).first)
    #expect(line.hasPrefix("kp1/demo_v1/dcx/K1/json|"))
    let sent = try JSONParser.parse(String(line.drop { $0 != "|" }.dropFirst()))
    let samples = try #require(sent.arrayValue)
    #expect(samples.count == 2)
    #expect(samples.compactMap { $0["temperature"]?.numberValue?.intValue } == [21, 22])
    #expect(samples.compactMap { $0["humidity"]?.numberValue?.intValue } == [73, 70])
    #expect(samples.allSatisfy { $0["ts"]?.stringValue != nil })
  }

  /// Item c: the id in a gateway attribute request is the one matched; the one-key answer is `value` (g).
  @Test func gatewayAttributeRequestUsesThePayloadsID() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--shared", "k=42"])
    defer { emulator.stop() }
    let result = try iotctl(
      ["op", "gateway.attributes.request", #"{"id":7,"device":"D","client":false,"key":"k"}"#, "--dialect", "thingsboard",
       "--var", "token=T1", "-W", "5"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdoutText) == ["id": 7, "device": "D", "value": 42])
  }

  /// Item g: ThingsBoard keeps client attributes from the attributes topic, not from telemetry.
  @Test func theEmulatorStoresAttributesNotTelemetry() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard"])
    defer { emulator.stop() }
    let base = ["--dialect", "thingsboard", "--var", "token=T1", "-W", "5"] + broker.address
    #expect(try iotctl(["op", "attributes", #"{"colour":"red"}"#] + base).status == 0)
    #expect(try iotctl(["op", "telemetry", #"{"speed":7}"#] + base).status == 0)
    let answer = try iotctl(["op", "attributes.request", #"{"clientKeys":"colour,speed"}"#] + base)
    #expect(answer.status == 0, "\(answer.stderr)")
    #expect(try JSONParser.parse(answer.stdoutText) == ["client": ["colour": "red"]])
  }

  /// Item h: an answer the profile marks as an error exits 11 (ThingsBoard's provisioning NOT_FOUND).
  @Test func provisioningRefusedIsAPlatformError() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--provision", "NOT_FOUND"])
    defer { emulator.stop() }
    let result = try iotctl(
      ["op", "provision", #"{"deviceName":"d1","provisionDeviceKey":"k","provisionDeviceSecret":"s"}"#, "--dialect",
       "thingsboard", "-u", "provision", "-W", "5"] + broker.address)
    #expect(result.status == 11, "\(result.stderr)")
    #expect(result.stderr.contains("NOT_FOUND"))
  }

  /// Item f: cmd watch sends Kaa's command request with observe, and the emulator delivers a command
  /// queued afterwards on that request's response topic (RFC 0011); the result goes to result/{type}.
  @Test func kaaCommandsArriveByObserving() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=demo_v1"])
    defer { emulator.stop() }
    let watcher = try Background(
      iotctlPath,
      ["cmd", "watch", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=K1", "--var", "commandType=reboot",
       "--reply", #"{"done":true}"#, "-C", "1", "-W", "20", "--output", "jsonl"] + broker.address)
    #expect(emulator.record("command.request") != nil)
    emulator.send(#"{"command": "reboot", "payload": {"delay": 5}}"#)
    let result = watcher.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser.parse(result.stdoutText)
    #expect(record["command"]?["payload"] == ["delay": 5])
    let reply = try #require(emulator.record("command.result"))
    #expect(reply["payload"]?.arrayValue?.first?["statusCode"] == 200)
    let request = try #require(emulator.record("command.request"))
    #expect(request["payload"] == ["observe": true])
  }

  /// Item q: every dialect but Xyte is emulated over MQTT 3.1.1; the emulator skips its own echoes.
  @Test func theEmulatorRunsOverMQTT311() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=demo_v1", "-V", "311"])
    defer { emulator.stop() }
    let result = try iotctl(
      ["op", "metadata.get", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=K1", "-W", "5"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdoutText) == [:])
    let unknown = emulator.records.filter { $0["verdict"]?.stringValue == "unknown-topic" }
    #expect(unknown.count == 0, "\(emulator.log)")
    let xyte = try iotctl(["emulate", "--dialect", "xyte", "-V", "311", "--duration", "1"] + broker.address)
    #expect(xyte.status == 2 && xyte.stderr.contains("-V 5"))
  }

  /// Item m: a handler reads the whole command, however large, and inherits no socket.
  @Test func handlersGetTheWholeCommandAndNoSockets() throws {
    let broker = try Broker()
    let big = String(repeating: "x", count: 200_000)
    let watcher = try Background(
      iotctlPath,
      ["cmd", "watch", "--dialect", "thingsboard", "--var", "token=T1", "-C", "1", "-W", "20",
       "--exec", #"printf '{"bytes":%s,"fds":%s}' "$(wc -c | tr -d ' ')" "$(ls /proc/self/fd | wc -l)""#, "--output", "jsonl"]
        + broker.address)
    Thread.sleep(forTimeInterval: 1)
    let payload = #"{"method":"big","params":""# + big + #""}"#
    let file = broker.directory.appendingPathComponent("command.json")
    try Data(payload.utf8).write(to: file)
    try broker.peerPublish(["-t", "v1/devices/me/rpc/request/5", "-f", file.path])
    let result = watcher.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    let record = try JSONParser.parse(result.stdoutText)
    // ThingsBoard's reply is the handler's result: every byte arrived, and ls saw only 0, 1, 2 and its own
    // directory descriptor.
    let reply = try #require(record["reply"]?["payload"])
    #expect(reply["bytes"] == .number(JSONNumber(payload.utf8.count)))
    #expect(reply["fds"] == 4, "\(reply)")
  }

  /// Item r: a failing install hook has its own status, reports FAILED with its stderr; a successful one's
  /// output passes through.
  @Test func installHooksReportTheirOutcome() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let image = directory.appendingPathComponent("fw.bin")
    try Data((0..<5000).map { UInt8($0 % 251) }).write(to: image)
    let emulator = try EmulatorProcess(
      broker, ["--dialect", "thingsboard", "--fw-file", image.path, "--fw-version", "2.0", "--fw-checksum-algorithm", "SHA256"])
    defer { emulator.stop() }
    let base = ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=T1", "-W", "5"] + broker.address
    let failing = try iotctl(base + ["-o", directory.appendingPathComponent("a.bin").path, "--exec", "echo disk full >&2; exit 3"])
    #expect(failing.status == 13, "\(failing.stderr)")
    #expect(failing.stderr.contains("disk full") && failing.stderr.contains("exit 3"))
    // The emulator records what it received as it handles it, which may be just after fw fetch exits.
    #expect(eventually { emulator.log.contains(#""fw_state":"FAILED""#) && emulator.log.contains("disk full") }, "\(emulator.log)")
    let passing = try iotctl(base + ["-o", directory.appendingPathComponent("b.bin").path, "--exec", "echo installed $1"])
    #expect(passing.status == 0, "\(passing.stderr)")
    #expect(passing.stdoutText.contains("installed ") && passing.stdoutText.contains("b.bin"))
  }

  /// Item n: numeric flags out of range are usage errors, never a trap.
  @Test(arguments: [
    ["pub", "-t", "a", "-m", "x", "--repeat", "2", "--repeat-delay", "5000000"],
    ["pub", "-t", "a", "-m", "x", "--repeat-delay", "inf"],
    ["pub", "-t", "a", "-m", "x", "--ack-timeout", "nan"],
    ["doctor", "-W", "2147484"],
    ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=t", "a=1", "--every", "9999999"],
    ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=t", "a=1", "--ts", "-1"],
    ["rr", "-t", "a", "-e", "b", "-m", "x", "-W", "nan"],
    ["fw", "fetch", "--dialect", "thingsboard", "--chunk-timeout", "1e300"],
    ["fw", "fetch", "--dialect", "thingsboard", "--size", "9223372036854775000"],
    ["op", "metadata.get", "--dialect", "kaa", "--var", "app=a", "--var", "token=t", "--request-id", "0", "--dry-run"],
  ])
  func numericFlagsOutOfRangeAreUsageErrors(_ arguments: [String]) throws {
    let result = try iotctl(arguments, timeout: 20)
    #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  /// Item o: an exponent too large to compare exactly is refused, not read as zero.
  @Test func hugeExponentsAreRefused() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = directory.appendingPathComponent("s.json")
    try Data(#"{"properties":{"a":{"maximum":10}}}"#.utf8).write(to: schema)
    let result = try iotctl(["schema", "validate", "--schema", schema.path], stdin: Data(#"{"a":1e99999999999999999999}"#.utf8))
    #expect(result.status == 3, "\(result.stdoutText) \(result.stderr)")
    #expect(result.stdoutText.contains("exponent"))
    let fine = try iotctl(["schema", "validate", "--schema", schema.path], stdin: Data(#"{"a":1e999999999}"#.utf8))
    #expect(fine.status == 10, "\(fine.stdoutText) \(fine.stderr)")
  }

  /// Item p: unsettled topics are offered both ways, and dialects show says so.
  @Test func unsettledTopicsAreOfferedBothWays() throws {
    let medium = try iotctl(
      ["telemetry", "send", "--dialect", "mediumone", "--var", "project=p", "--var", "user=u", "--var", "device=", "t=1",
       "--dry-run", "--output", "jsonl"])
    #expect(medium.status == 0, "\(medium.stderr)")
    #expect(try JSONParser.parse(medium.stdoutText)["topic"] == "0/p/u/")
    let edge = try iotctl(
      ["telemetry", "send", "--dialect", "edgeiq", "--var", "company=c", "--var", "device=d", "--var", "client=", "cpu=1",
       "--dry-run", "--output", "jsonl"])
    #expect(edge.status == 0, "\(edge.stderr)")
    #expect(edge.stdoutText.contains(#""c/d/""#), "\(edge.stdoutText)")
    let show = try iotctl(["dialects", "show", "xyte"])
    #expect(show.stdoutText.contains("v1/device/{id}/command ") || show.stdoutText.contains("v1/device/{id}/command\n"))
    #expect(show.stdoutText.contains("Unsettled"))
  }
}

/// Record fields and properties that once trapped or were dropped silently (issue 19, items 3 and 15).
@Suite struct RecordTrapTests {
  @Test(arguments: [
    (#"{"topic":"a","payload":"x","qos":2147483648}"#, "\"qos\""),
    (#"{"topic":"a","payload":"x","properties":{"message_expiry":4294967296}}"#, "message_expiry"),
    (#"{"topic":"a","payload":"x","properties":{"message_expiry":-1}}"#, "message_expiry"),
  ])
  func badRecordFieldsAreInputErrors(record: String, field: String) throws {
    let broker = try Broker()
    let result = try iotctl(["pub", "-l", "--line-format", "jsonl", "-V", "5"] + broker.address, stdin: Data((record + "\n").utf8))
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains(field) && result.stderr.contains("line 1"), "\(result.stderr)")
  }

  @Test(arguments: [["--content-type", ""], ["-D", "PUBLISH", "response-topic", ""], ["-D", "PUBLISH", "response-topic", "a/+"]])
  func emptyOrInvalidPropertiesAreRefusedNotCrashed(_ flags: [String]) throws {
    let broker = try Broker()
    let result = try iotctl(["pub", "-t", "a", "-m", "x", "-V", "5"] + flags + broker.address)
    #expect(result.status == 2, "\(result.status) \(result.stderr)")
    #expect(result.stderr.contains("content-type") || result.stderr.contains("response-topic"), "\(result.stderr)")
  }
}

/// Secrets that showed in clear (issue 19, item 9).
@Suite struct SecretsInClearTests {
  @Test func debugLinesMaskTheDialectsSecrets() throws {
    let broker = try Broker()
    let result = try iotctl(
      ["op", "metadata.update", #"{"a":1}"#, "--dialect", "kaa", "--var", "app=demo", "--var", "token=TOKEN-SECRET-7", "-d", "-W", "2"]
        + broker.address)
    #expect(result.stderr.contains("sending PUBLISH") && result.stderr.contains("kp1/demo/epmx/****/update/"), "\(result.stderr)")
    #expect(!result.stderr.contains("TOKEN-SECRET-7"))
  }

  @Test func brokerURLsNeverShowTheirPassword() throws {
    let badPort = try iotctl(["pub", "-L", "mqtt://u:PW-SECRET-1@h:99999/t", "-m", "x"])
    #expect(badPort.status == 2 && badPort.stderr.contains("u:****@h") && !badPort.stderr.contains("PW-SECRET-1"), "\(badPort.stderr)")
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let environment = ["IOTCTL_CONFIG": directory.appendingPathComponent("config.json").path]
    let set = try iotctl(
      ["context", "set", "x", "--dialect", "kaa", "--broker", "mqtt://u:PW-SECRET-2@h:1883", "--var", "app=a"], environment: environment)
    #expect(set.status == 0, "\(set.stderr)")
    for arguments in [["context", "show", "x"], ["context", "list"], ["context", "list", "--output", "json"]] {
      let shown = try iotctl(arguments, environment: environment)
      #expect(shown.status == 0 && shown.stdoutText.contains("u:****@h") && !shown.stdoutText.contains("PW-SECRET-2"), "\(shown.stdoutText)")
    }
  }
}

/// Hostile files and remote strings (issue 19, items 7 and 13).
@Suite struct HostileInputTests {
  @Test func aRefToADeviceOrAFIFOIsNoSchema() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = directory.appendingPathComponent("s.json")
    try Data(#"{"$ref": "file:///dev/zero"}"#.utf8).write(to: schema)
    let zero = try iotctl(["schema", "validate", "--schema", schema.path], stdin: Data("1".utf8), timeout: 20)
    #expect(zero.status == 3, "\(zero.stderr)")
    let fifo = directory.appendingPathComponent("config.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let context = try iotctl(["context", "list"], environment: ["IOTCTL_CONFIG": fifo], timeout: 20)
    #expect(context.status == 3 && context.stderr.contains("not a regular file"), "\(context.stderr)")
  }

  /// An escape sequence in a firmware title reaches neither the file name nor the terminal.
  @Test func controlCharactersFromThePlatformAreShownEscaped() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let image = directory.appendingPathComponent("fw.bin")
    try Data(repeating: 7, count: 3000).write(to: image)
    let emulator = try EmulatorProcess(
      broker, ["--dialect", "thingsboard", "--fw-file", image.path, "--fw-title", "evil\u{1B}]0;owned\u{07}\u{1B}[2J", "--fw-version", "1"])
    defer { emulator.stop() }
    let result = try run(
      "/bin/sh",
      ["-c", "cd \(directory.path) && \(iotctlPath) fw fetch --dialect thingsboard --var token=T1 \(broker.address.joined(separator: " ")) --checksum 00"],
      timeout: 60)
    #expect(result.status == 12, "\(result.stderr)")
    #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{07}") && result.stderr.contains("\\u{1b}"), "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(!names.joined().contains("\u{1B}"), "\(names)")
  }
}
