import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// Device verbs (`telemetry send`, `op`, `rr --dialect`) against the emulator, checked on the wire by
/// mosquitto_sub.
@Suite struct DeviceVerbTests {
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
    let platform = try EmulatorProcess(broker, ["--dialect", "kaa"])
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
    let platform = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--shared", "interval=30"])
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
    let broker = try Broker(config: Broker.unboundedQueues)
    let wire = try PeerSubscriber(broker, ["-t", "v1/devices/me/telemetry", "-q", "1", "-v"])
    var lines = (1...10_000).map { #"{"n": \#($0)}"# }
    lines[4_999] = #"{"n": 1, "ts": "now"}"#  // a ts that is not milliseconds
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

  /// Starts `iotctl cmd watch` and waits until it has subscribed.
  func watcher(_ broker: Broker, _ arguments: [String]) throws -> Background {
    let process = try Background(iotctlPath, ["cmd", "watch", "-d"] + broker.address + arguments)
    guard eventually(timeout: 10, { process.stderrSoFar.contains("watching") }) else {
      throw TestSetupError(description: "cmd watch did not subscribe: \(process.stderrSoFar)")
    }
    return process
  }

  @Test func cmdWatchRunsAHandlerPerThingsBoardRPC() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let handler = directory.appendingPathComponent("handler.sh")
    try """
      #!/bin/sh
      input=$(cat)
      case "$IOTCTL_COMMAND_NAME" in
        crash) echo "valve stuck" >&2; exit 3;;
        hang) sleep 30;;
        *) printf '{"ok":true,"got":%s}' "$input";;
      esac
      """.write(to: handler, atomically: true, encoding: .utf8)
    // Run through sh rather than executed: a file written here can be held open by a child that a
    // parallel test forks at that moment, and exec would fail with "Text file busy".
    let platform = try EmulatorProcess(broker, ["--dialect", "thingsboard"])
    defer { withExtendedLifetime(platform) {} }
    let watch = try watcher(
      broker, ["--dialect", "thingsboard", "--var", "token=T1", "--exec", "sh \(handler.path)", "--handler-timeout", "1", "-C", "3", "--output", "jsonl"])
    for (id, method) in [(11, "open"), (12, "crash"), (13, "hang")] {
      platform.process.write(Data(#"{"push": "rpc.server", "payload": {"method": "\#(method)", "params": {}}, "vars": {"requestId": "\#(id)"}}"#.utf8 + [0x0A]))
    }
    let result = watch.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    let records = result.stdoutText.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) }
    #expect(records.map { $0["reply"]?["topic"]?.stringValue } == ["v1/devices/me/rpc/response/11", "v1/devices/me/rpc/response/12", "v1/devices/me/rpc/response/13"])
    #expect(records[0]["reply"]?["payload"] == ["ok": true, "got": ["method": "open", "params": [:]]])
    #expect(records[1]["reply"]?["payload"] == ["error": "valve stuck"])
    #expect(records[2]["reply"]?["payload"] == ["error": "handler timed out after 1 s"])
    // The platform side received the three replies. Its record of the last can come just after the watcher
    // exits (its PUBACK came from the broker, not from the emulator): wait for it.
    func logged() -> Int {
      String(decoding: platform.process.stdoutSoFar, as: UTF8.self).components(separatedBy: #""part":"reply""#).count - 1
    }
    #expect(eventually(timeout: 10) { logged() >= 3 } && logged() == 3, "\(logged()) replies recorded")
  }

  @Test func cmdWatchAnswersKaaCommandsWithResults() throws {
    let broker = try Broker()
    let platform = try EmulatorProcess(broker, ["--dialect", "kaa"])
    defer { withExtendedLifetime(platform) {} }
    let wire = try PeerSubscriber(broker, ["-t", "kp1/app1/cex/tok1/result/#", "-F", "%t|%p"])
    let watch = try watcher(broker, ["--dialect", "kaa", "--var", "app=app1", "--var", "token=tok1", "--reply", #"{"done":true}"#, "-C", "2"])
    platform.process.write(Data(#"{"push": "command.push", "payload": [{"id": 5, "payload": {}}, {"id": 6, "payload": {"x": 1}}], "vars": {"commandType": "reboot", "app": "app1", "token": "tok1"}}"#.utf8 + [0x0A]))
    let result = watch.wait(timeout: 20)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText == #"reboot 5 {"id":5,"payload":{}}"# + "\n" + #"reboot 6 {"id":6,"payload":{"x":1}}"# + "\n")
    #expect(
      wire.waitForLines(2) == [
        #"kp1/app1/cex/tok1/result/reboot|[{"id":5,"statusCode":200,"payload":{"done":true}}]"#,
        #"kp1/app1/cex/tok1/result/reboot|[{"id":6,"statusCode":200,"payload":{"done":true}}]"#,
      ])
  }

  @Test func cmdWatchRepliesToXyteOnTheResponseTopicWithCorrelationData() throws {
    let broker = try Broker()
    let platform = try EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev1"])
    defer { withExtendedLifetime(platform) {} }
    let wire = try PeerSubscriber(broker, ["-V", "5", "-t", "v1/device/dev1/commands/update", "-F", "%t|%D|%P|%p"])
    let watch = try watcher(
      broker, ["--dialect", "xyte", "--var", "id=dev1", "--var", "access_key=k3y", "--reply", "rebooted", "-C", "1"])
    platform.process.write(Data(#"{"push": "commands", "payload": {"id": "c-9", "status": "pending", "name": "reboot", "parameters": {}}}"#.utf8 + [0x0A]))
    #expect(watch.wait(timeout: 20).status == 0)
    #expect(wire.waitForLines(1) == [#"v1/device/dev1/commands/update|c-9|device_id:dev1 access_key:k3y|{"id":"c-9","status":"done","message":"rebooted"}"#])
  }

  @Test func cmdWatchReportsEdgeIQGatewayCommandStatus() throws {
    let broker = try Broker()
    let platform = try EmulatorProcess(broker, ["--dialect", "edgeiq"])
    defer { withExtendedLifetime(platform) {} }
    let wire = try PeerSubscriber(broker, ["-t", "u/acme/dev1/gateway_command_status", "-F", "%t|%p"])
    let watch = try watcher(
      broker, ["--dialect", "edgeiq", "--var", "company=acme", "--var", "device=dev1", "--exec", "exit 1", "-C", "1"])
    platform.process.write(Data(#"{"push": "gateway.command", "payload": {"command_type": "reboot", "command_id": "gc-1"}, "vars": {"company": "acme", "device": "dev1", "commandType": "reboot"}}"#.utf8 + [0x0A]))
    #expect(watch.wait(timeout: 20).status == 0)
    #expect(wire.waitForLines(1) == [#"u/acme/dev1/gateway_command_status|{"id":"gc-1","statuses":{"dev1":{"status":"fail","error":"handler failed with status 1"}}}"#])
  }

  @Test func configGetForEveryDialect() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config.json")
    try #"{"interval": 30}"#.write(to: config, atomically: true, encoding: .utf8)
    let platforms = try [
      EmulatorProcess(broker, ["--dialect", "kaa", "--config", config.path]),
      EmulatorProcess(broker, ["--dialect", "thingsboard", "--shared", "interval=30"]),
      EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev1", "--config", config.path]),
      EmulatorProcess(broker, ["--dialect", "edgeiq"]),
    ]
    defer { withExtendedLifetime(platforms) {} }
    func get(_ arguments: [String]) throws -> JSONValue {
      let result = try iotctl(["config", "get"] + broker.address + arguments)
      #expect(result.status == 0, "\(arguments[1]): \(result.stderr)")
      return try JSONParser.parse(result.stdoutText)
    }
    #expect(try get(["--dialect", "kaa", "--var", "app=a1", "--var", "token=t1"])["config"] == ["interval": 30])
    #expect(try get(["--dialect", "thingsboard", "--var", "token=t1"]) == ["shared": ["interval": 30]])
    #expect(try get(["--dialect", "xyte", "--var", "id=dev1", "--var", "access_key=k"]) == ["interval": 30])
    #expect(try get(["--dialect", "edgeiq", "--var", "company=c1", "--var", "device=d1"])["command_type"] == "send_config_v3")
    try broker.peerPublish(["-t", "1/p1/u1/_all/update/settings", "-m", #"{"rate": 5}"#, "-r"])
    let medium = try iotctl(["config", "get", "--dialect", "mediumone", "--var", "project=p1", "--var", "user=u1", "--var", "device=d1"] + broker.address)
    #expect(medium.stdoutText == #"{"rate": 5}"# + "\n", "\(medium.stderr)")
    let ack = try iotctl(["config", "ack", "--dialect", "kaa", "--var", "app=a1", "--var", "token=t1", "--config-id", "abc"] + broker.address)
    #expect(ack.status == 0, "\(ack.stderr)")
  }

  /// ThingsBoard's attribute request as its document shows it (seed: `v1/devices/me/attributes/request/$request_id`,
  /// the answer on `.../response/$request_id` as `{"client":{...},"shared":{...}}`), answered by an independent
  /// cloud made of mosquitto_sub and mosquitto_pub rather than by `iotctl emulate`.
  @Test func configGetAsksThingsBoardAsItsDocumentShows() throws {
    let broker = try Broker()
    let at = broker.address.joined(separator: " ")
    let answer = #"{"client":{"mode":"eco"},"shared":{"interval":30}}"#
    let cloud = try Background("/bin/sh", [
      "-c",
      """
      mosquitto_sub \(at) -t cloud/probe -t 'v1/devices/me/attributes/request/+' -F '%t %p' | while read -r topic payload; do
        if [ "$topic" = cloud/probe ]; then echo ready; continue; fi
        echo "$topic|$payload"
        mosquitto_pub \(at) -t "v1/devices/me/attributes/response/${topic##*/}" -m '\(answer)'
        exit 0
      done
      """,
    ], ownGroup: true)
    // The group: killing only the shell would leave mosquitto_sub reconnecting after the broker stops.
    defer { cloud.signalGroup(SIGKILL) }
    #expect(eventually(timeout: 10) {
      _ = try? broker.peerPublish(["-t", "cloud/probe", "-m", "x"])
      return String(decoding: cloud.stdoutSoFar, as: UTF8.self).contains("ready")
    })
    let result = try iotctl(["config", "get", "--dialect", "thingsboard", "--var", "token=t1", "-W", "10"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdoutText) == JSONParser.parse(answer))
    let request = String(decoding: cloud.stdoutSoFar, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    #expect(request.wholeMatch(of: #/v1/devices/me/attributes/request/[0-9]+\|\{\}/#) != nil, "\(request)")
  }

  @Test func cmdWatchSurvivesABrokerRestartWithoutLosingQoS1Commands() throws {
    let store = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: store) }
    chmod(store.path, 0o777)  // mosquitto drops root and writes its store as its own user
    let broker = try Broker(config: ["allow_anonymous true", "persistence true", "persistence_location \(store.path)/"])
    let watch = try watcher(
      broker, [
        "--dialect", "thingsboard", "--var", "token=T1", "-c", "-i", "watcher-\(broker.port)", "--reply", #"{"ok":true}"#,
        "-C", "2", "--reconnect", "forever",
      ])
    try broker.peerPublish(["-q", "1", "-t", "v1/devices/me/rpc/request/1", "-m", #"{"method":"first","params":{}}"#])
    #expect(eventually { String(decoding: watch.stdoutSoFar, as: UTF8.self).contains("first 1") })
    broker.stop()
    try broker.start()
    // Published while the watcher is still reconnecting: the broker keeps it for the watcher's session.
    try broker.peerPublish(["-q", "1", "-t", "v1/devices/me/rpc/request/2", "-m", #"{"method":"second","params":{}}"#])
    let result = watch.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdoutText.contains(#"second 2 {"method":"second","params":{}}"#))
    // It did lose the connection and come back (-d logs each CONNECT).
    #expect(result.stderr.components(separatedBy: "sending CONNECT").count - 1 == 2)
  }

  @Test func opSendsXyteAndEdgeIQOperationsAsDocumented() throws {
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-V", "5", "-t", "v1/device/+/update", "-t", "u/+/+/status", "-F", "%t|%P|%p"])
    let xyte = try iotctl(
      ["op", "update", #"{"firmware_version":"1.4.2","name":"Lobby panel"}"#, "--dialect", "xyte", "--var", "id=dev3", "--var", "access_key=k3y"]
        + broker.address)
    #expect(xyte.status == 0, "\(xyte.stderr)")
    let edgeiq = try iotctl(
      ["op", "status", #"{"edge_version":"4.1.0","config_status":{"received":true}}"#, "--dialect", "edgeiq", "--var", "company=c1", "--var", "device=d1"]
        + broker.address)
    #expect(edgeiq.status == 0, "\(edgeiq.stderr)")
    #expect(
      wire.waitForLines(2) == [
        #"v1/device/dev3/update|device_id:dev3 access_key:k3y|{"firmware_version":"1.4.2","name":"Lobby panel"}"#,
        #"u/c1/d1/status||{"edge_version":"4.1.0","config_status":{"received":true}}"#,
      ])
    let dry = try iotctl(["config", "get", "--dialect", "kaa", "--var", "app=a1", "--var", "token=tok-secret", "--dry-run"])
    #expect(dry.status == 0 && dry.stdoutText.contains("cmx/****/config/json/") && !dry.stdoutText.contains("tok-secret"))
  }
}

