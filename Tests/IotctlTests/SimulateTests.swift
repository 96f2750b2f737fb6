import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `iotctl simulate` fleets on a real broker, counted by independent peers: mosquitto_sub on the
/// wire, the broker's own log for identities, and `iotctl emulate` as the platform side.
@Suite struct SimulateTests {
  /// A scenario file in `directory`.
  func scenario(_ directory: URL, _ text: String, name: String = "scenario.json") throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func records(_ path: String) throws -> [JSONValue] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
  }

  func count(_ record: JSONValue?, _ key: String) -> Int { record?["counts"]?[key]?.numberValue?.intValue ?? -1 }

  /// Waits until the stats file shows `devices` connected.
  func waitConnected(_ statsPath: String, _ devices: Int, timeout: Double = 30) -> Bool {
    eventually(timeout: timeout) {
      ((try? records(statsPath)) ?? []).contains { $0["connected"]?.numberValue?.intValue == devices }
    }
  }

  @Test func fiveHundredThingsBoardDevicesSendAnswerAndUpdateThroughTheEmulator() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let image = directory.appendingPathComponent("fw.bin")
    try Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }).write(to: image)
    let digest = try run("/usr/bin/sha256sum", [image.path]).stdoutText.prefix(64)
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--fw-file", image.path, "--fw-version", "3.1"])
    let telemetry = try PeerSubscriber(broker, ["-q", "1", "-t", "v1/devices/me/telemetry", "-F", "%t|%p"])
    let answers = try PeerSubscriber(broker, ["-q", "1", "-t", "v1/devices/me/rpc/response/+", "-F", "%t %p"])
    let file = try scenario(
      directory,
      """
      {"name": "fleet", "dialect": "thingsboard",
       "telemetry": [{"interval": 1, "jitter": 0.2, "values": {
         "temperature": {"generator": "normal", "mean": 21, "stddev": 1, "round": 1},
         "count": {"generator": "counter"}}}],
       "commands": {"devices": 0.02, "answers": {"setTemperature": {"result": {"set": "{/params}"}}}},
       "firmware": {"devices": 0.02}}
      """)
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let fleet = try Background(
      iotctlPath,
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--devices", "500", "--var", "token=tok-{n:03}",
       "--connect-rate", "2000", "--duration", "8s", "--stats", stats, "--stats-interval", "200ms"] + broker.address)
    try #require(waitConnected(stats, 500), "the fleet did not connect: \(fleet.stderrSoFar)")
    for value in [19, 20, 21] {
      emulator.send(#"{"push": "rpc.server", "payload": {"method": "setTemperature", "params": \#(value)}}"#)
    }
    emulator.send(
      #"{"push": "attributes.updates", "payload": {"fw_title": "fw", "fw_version": "3.1", "fw_size": 20000, "fw_checksum_algorithm": "SHA256", "fw_checksum": "\#(digest)"}}"#)
    let result = fleet.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try records(stats).last)
    #expect(summary["type"] == "summary")
    let (sent, answered, commands) = (count(summary, "sent"), count(summary, "answers"), count(summary, "commands"))
    #expect(count(summary, "connects") == 500 && summary["peak_connected"] == 500)
    #expect(count(summary, "acknowledged") == sent && count(summary, "unacknowledged") == 0)
    // About 2% of 500 watch commands; each gets all three RPCs and answers each.
    #expect(commands > 0 && commands % 3 == 0 && commands < 60 && answered == commands)
    // Every telemetry message counted reached mosquitto_sub, and the emulator found it valid.
    // Every publish but the answers and the chunk requests went to the telemetry topic: the scenario's
    // telemetry and the firmware reports (five stages per update, 20000 bytes in two 16384-byte chunks).
    let updates = count(summary, "firmware_updates")
    let telemetrySent = sent - answered - 2 * updates
    #expect(telemetrySent > 2500)
    #expect(telemetry.waitForLines(telemetrySent).count == telemetrySent)
    let payloads = telemetry.lines.compactMap { try? JSONParser.parse(String($0.dropFirst("v1/devices/me/telemetry|".count))) }
    let generated = payloads.filter { $0["values"]?["count"] != nil }
    #expect(generated.count == telemetrySent - 5 * updates && generated.allSatisfy { $0["ts"] != nil })
    #expect(eventually { emulator.payloads("telemetry").count == telemetrySent })
    #expect(!emulator.records.contains { $0["operation"] == "telemetry" && $0["verdict"] != "valid" })
    // The answers as ThingsBoard takes them: the RPC's request id in the topic, the result as the payload.
    let wire = answers.waitForLines(answered)
    #expect(wire.count == answered)
    #expect(Set(wire.map { $0.split(separator: " ").dropFirst().joined(separator: " ") }) == [#"{"set":19}"#, #"{"set":20}"#, #"{"set":21}"#])
    #expect(wire.allSatisfy { $0.hasPrefix("v1/devices/me/rpc/response/") })
    let latency = try #require(summary["latency"]?["publish_ack"]?["count"]?.numberValue?.intValue)
    #expect(latency == sent)
    // About 2% take the firmware: each reports UPDATED with the new version, counted on the wire.
    let updated = count(summary, "firmware_updates")
    #expect(updated > 0 && updated < 30 && count(summary, "firmware_errors") == 0, "\(result.stdoutText)")
    let reports = telemetry.lines.filter { $0.contains(#""fw_state":"UPDATED""#) }
    #expect(reports.count == updated && reports.allSatisfy { $0.contains(#""current_fw_version":"3.1""#) })
  }

  @Test func aShareOfTheFleetUpdatesFirmwareFromTheEmulator() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let image = directory.appendingPathComponent("fw.bin")
    try Data((0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(to: image)
    let digest = try run("/usr/bin/sha256sum", [image.path]).stdoutText.prefix(64)
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--fw-file", image.path, "--fw-title", "demo", "--fw-version", "2.0.0"])
    let wire = try PeerSubscriber(broker, ["-q", "1", "-t", "v1/devices/me/telemetry", "-F", "%t|%p"])
    let file = try scenario(directory, #"{"firmware": {"devices": 0.5, "failureRate": 0.25, "failure": "flash full", "chunkSize": 8192}}"#)
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let fleet = try Background(
      iotctlPath,
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--devices", "40", "--var", "token=t{n}", "--duration", "8s",
       "--stats", stats, "--stats-interval", "200ms"] + broker.address)
    try #require(waitConnected(stats, 40), "the fleet did not connect: \(fleet.stderrSoFar)")
    emulator.send(
      #"{"push": "attributes.updates", "payload": {"fw_title": "demo", "fw_version": "2.0.0", "fw_size": 40000, "fw_checksum_algorithm": "SHA256", "fw_checksum": "\#(digest)"}}"#)
    let result = fleet.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try records(stats).last)
    let (updated, failed) = (count(summary, "firmware_updates"), count(summary, "firmware_failures"))
    #expect(count(summary, "firmware_errors") == 0, "\(result.stdoutText)")
    #expect((10...30).contains(updated + failed) && failed > 0 && updated > failed, "\(updated) updated, \(failed) failed")
    // What ThingsBoard hears: fw_state telemetry per stage, the installed version with UPDATED.
    let states = wire.lines.filter { $0.contains("fw_state") }.compactMap { try? JSONParser.parse(String($0.split(separator: "|", maxSplits: 1)[1])) }
    func stage(_ name: String) -> [JSONValue] { states.filter { $0["fw_state"]?.stringValue == name } }
    #expect(stage("DOWNLOADING").count == updated + failed)
    #expect(stage("VERIFIED").count == updated + failed)
    #expect(stage("UPDATED").count == updated)
    #expect(stage("UPDATED").allSatisfy { $0["current_fw_title"] == "demo" && $0["current_fw_version"] == "2.0.0" })
    #expect(stage("FAILED").count == failed && stage("FAILED").allSatisfy { $0["fw_error"] == "flash full" })
    // Five chunks each (four of 8192 bytes and one of 7232), every request valid at the emulator.
    let chunks = emulator.records.filter { $0["operation"] == "fw.chunk" && $0["part"] == nil }
    #expect(chunks.count == 5 * (updated + failed))
    #expect(chunks.allSatisfy { $0["verdict"] == "valid" })
    #expect(result.stdoutText.contains("firmware: \(updated) updated, \(failed) failed by the scenario, 0 failed downloads"))
  }

  @Test func eachDeviceConnectsWithItsOwnTokenAndClientID() throws {
    let broker = try Broker()
    let result = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--devices", "5", "--var", "token=tok-{n}", "--id-template", "dev-{n:02}",
       "--duration", "1s"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    let log = broker.log
    for n in 0..<5 {
      #expect(log.components(separatedBy: "as dev-0\(n) ").count == 2, "client dev-0\(n) in:\n\(log)")
      #expect(log.contains("u'tok-\(n)'"), "user tok-\(n) in:\n\(log)")
    }
    #expect(result.stdoutText.contains("connections: 5 made"))
  }

  @Test func devicesAcknowledgeTheConfigurationsPushedToThem() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa", "--var", "app=v1"])
    let wire = try PeerSubscriber(broker, ["-q", "1", "-t", "kp1/v1/cmx/+/applied/json/+", "-F", "%t|%p"])
    let file = try scenario(directory, #"{"config": {"failureRate": 0.5, "failure": "too cold"}}"#)
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let fleet = try Background(
      iotctlPath,
      ["simulate", "--dialect", "kaa", "--scenario", file, "--devices", "6", "--var", "app=v1", "--var", "token=ep-{n}",
       "--duration", "4s", "--stats", stats, "--stats-interval", "200ms"] + broker.address)
    try #require(waitConnected(stats, 6), "the fleet did not connect: \(fleet.stderrSoFar)")
    // Each device asked to observe its configuration (Kaa's config request with observe: true).
    #expect(eventually { emulator.records.filter { $0["operation"] == "config.request" && $0["payload"]?["observe"] == true }.count == 6 })
    for token in ["ep-1", "ep-2", "ep-3", "ep-4"] {
      emulator.send(#"{"push": "config.push", "payload": {"configId": "c9", "config": {"interval": 30}}, "vars": {"token": "\#(token)"}}"#)
    }
    let result = fleet.wait(timeout: 30)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try records(stats).last)
    #expect(count(summary, "configurations") == 4)
    let rejected = count(summary, "rejected_configurations")
    // One ack per push, on the pushed device's own topic, with the configId the push carried.
    let acks = wire.waitForLines(4)
    #expect(acks.count == 4, "\(acks)")
    #expect(Set(acks.compactMap { $0.split(separator: "/").dropFirst(3).first.map(String.init) }) == ["ep-1", "ep-2", "ep-3", "ep-4"])
    let payloads = acks.compactMap { try? JSONParser.parse(String($0.split(separator: "|", maxSplits: 1)[1])) }
    #expect(payloads.filter { $0 == ["configId": "c9", "statusCode": 200] }.count == 4 - rejected)
    #expect(payloads.filter { $0 == ["configId": "c9", "statusCode": 400, "reasonPhrase": "too cold"] }.count == rejected)
    #expect(emulator.records.filter { $0["operation"] == "config.applied" && $0["verdict"] == "valid" }.count == 4)
  }

  @Test func churnDisconnectsAndBringsDevicesBack() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try scenario(
      directory,
      #"{"telemetry": [{"interval": 0.2, "values": {"n": {"generator": "counter"}}}], "churn": {"every": 1, "jitter": 0.5, "downtime": 0.3}}"#)
    let result = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--devices", "20", "--var", "token=t{n}", "--id-template", "c{n}",
       "--duration", "5s", "--stats", "-"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(result.stdoutLines.last.map { try JSONParser.parse($0) })
    let churned = count(summary, "churned")
    // Each device leaves about every second and is back 0.3 s later; none of it counts as a loss.
    #expect(churned >= 40 && count(summary, "connections_lost") == 0, "\(churned) churned")
    #expect(count(summary, "connects") >= 20 + churned - 20)
    #expect(count(summary, "sent") == count(summary, "acknowledged"))
    // The broker saw each leave as a clean DISCONNECT, not a dropped connection (no will sent).
    #expect(broker.log.components(separatedBy: "Client c").count - 1 >= churned, "\(broker.log.suffix(500))")
    #expect(!broker.log.contains(/Client c\d+ closed its connection/))
  }

  @Test func aDevicesFileGivesEachDeviceItsRow() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let rows = directory.appendingPathComponent("devices.csv")
    try "token,client_id\nalpha,dev-a\nbeta,dev-b\ngamma,dev-c\n".write(to: rows, atomically: true, encoding: .utf8)
    let result = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--devices", "3", "--devices-file", rows.path, "--duration", "1s"] + broker.address)
    #expect(result.status == 0, "\(result.stderr)")
    for (token, client) in [("alpha", "dev-a"), ("beta", "dev-b"), ("gamma", "dev-c")] {
      #expect(broker.log.contains("as \(client) ") && broker.log.contains("u'\(token)'"), "\(broker.log)")
    }
    let short = try iotctl(["simulate", "--dialect", "thingsboard", "--devices", "4", "--devices-file", rows.path] + broker.address)
    #expect(short.status == 3 && short.stderr.contains("has 3 rows for 4 devices"), "\(short.stderr)")
  }

  @Test func theFleetSurvivesABrokerRestart() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = try scenario(directory, #"{"telemetry": [{"interval": 0.5, "values": {"n": {"generator": "counter"}}}]}"#)
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let fleet = try Background(
      iotctlPath,
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--devices", "500", "--var", "token=t{n}",
       "--duration", "14s", "--stats", stats, "--stats-interval", "200ms"] + broker.address)
    try #require(waitConnected(stats, 500), "the fleet did not connect: \(fleet.stderrSoFar)")
    broker.kill()
    Thread.sleep(forTimeInterval: 1)
    try broker.start()
    let after = try PeerSubscriber(broker, ["-t", "v1/devices/me/telemetry"])
    // Every device comes back (backoff with jitter: within a few seconds) and sends again.
    #expect(eventually(timeout: 10) { ((try? records(stats)) ?? []).last?["connected"] == 500 && !after.lines.isEmpty })
    let result = fleet.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try records(stats).last)
    #expect(count(summary, "connections_lost") == 500)
    #expect(count(summary, "connects") == 1000)
    // Nothing unaccounted for: each publish was acknowledged, refused or reported unacknowledged.
    #expect(count(summary, "sent") == count(summary, "acknowledged") + count(summary, "rejected") + count(summary, "unacknowledged"))
    #expect(count(summary, "offline_skips") > 0)
    #expect(result.stdoutText.contains("500 lost"))
  }

  @Test func shardsUnderGNUParallelMakeOneFleetAndOneReport() throws {
    let parallel = try #require(which("parallel"), "GNU parallel is not installed: apt-get install -y parallel")
    let broker = try Broker(config: Broker.unboundedQueues)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // Kaa topics carry the endpoint token, so the wire shows which devices sent.
    let wire = try PeerSubscriber(broker, ["-q", "1", "-t", "kp1/v1/dcx/#", "-F", "%t"])
    let file = try scenario(directory, #"{"telemetry": [{"interval": 0.5, "offset": 0, "values": {"n": {"generator": "counter"}}}]}"#)
    let command =
      "\(iotctlPath) simulate --dialect kaa --scenario \(file) --devices 30 --shard {}/3 --var app=v1 --var token='ep-{n}' "
      + "-h 127.0.0.1 -p \(broker.port) --duration 3s --stats \(directory.path)/stats-{}.jsonl"
    let result = try run(parallel, ["--halt", "now,fail=1", command, ":::", "0", "1", "2"], timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let files = (0..<3).map { "\(directory.path)/stats-\($0).jsonl" }
    let shardSummaries = try files.map { try #require(try records($0).last) }
    #expect(shardSummaries.map { $0["shard"] } == ["0/3", "1/3", "2/3"])
    #expect(shardSummaries.allSatisfy { $0["devices"] == 10 })
    let sent = shardSummaries.map { count($0, "sent") }.reduce(0, +)
    let lines = wire.waitForLines(sent)
    #expect(lines.count == sent)
    let tokens = Set(lines.compactMap { $0.split(separator: "/").dropFirst(3).first.map(String.init) })
    #expect(tokens == Set((0..<30).map { "ep-\($0)" }))
    let report = try iotctl(["simulate", "report", "--output", "json"] + files)
    #expect(report.status == 0, "\(report.stderr)")
    let merged = try JSONParser.parse(report.stdoutText)
    #expect(merged["devices"] == 30 && merged["shards"] == 3)
    #expect(count(merged, "sent") == sent && count(merged, "acknowledged") == sent)
    #expect(merged["latency"]?["publish_ack"]?["count"]?.numberValue?.intValue == sent)
    let text = try iotctl(["simulate", "report"] + files)
    #expect(text.stdoutText.contains("30 devices from 3 shards"), "\(text.stdoutText)")
    // A shard that did not finish has no summary: the report says so and which file.
    try "{\"type\":\"stats\"}\n".write(toFile: "\(directory.path)/cut.jsonl", atomically: true, encoding: .utf8)
    let cut = try iotctl(["simulate", "report", files[0], "\(directory.path)/cut.jsonl"])
    #expect(cut.status == 3 && cut.stderr.contains("cut.jsonl' has no summary record"))
  }

  /// A stream faster than the loop serves the fleet: each device catches up in bursts (sent corked),
  /// and the wire still shows every device's counter whole and in order.
  @Test func devicesBehindTheirScheduleCatchUpInOrder() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let wire = try PeerSubscriber(broker, ["-q", "1", "-t", "kp1/v1/dcx/#", "-F", "%t %p"])
    let file = try scenario(directory, #"{"telemetry": [{"interval": 0.002, "jitter": 0, "offset": 0, "values": {"n": {"generator": "counter"}}}]}"#)
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let result = try iotctl(
      ["simulate", "--dialect", "kaa", "--scenario", file, "--devices", "8", "--var", "app=v1", "--var", "token=ep-{n}",
       "--duration", "2s", "--stats", stats] + broker.address, timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = try #require(try records(stats).last)
    let sent = count(summary, "sent")
    #expect(count(summary, "acknowledged") == sent)
    let lines = wire.waitForLines(sent)
    #expect(lines.count == sent)
    var counters: [String: [Double]] = [:]
    for line in lines {
      let parts = line.split(separator: " ", maxSplits: 1)
      let token = String(parts[0].split(separator: "/")[3])
      let payload = try JSONParser.parse(String(parts[1]))
      let record = payload.arrayValue?.first ?? payload
      counters[token, default: []].append(try #require(record["n"]?.numberValue, "\(line)").doubleValue)
    }
    #expect(counters.count == 8)
    for (token, values) in counters {
      #expect(values == (0..<values.count).map { Double($0) + (values.first ?? 0) }, "\(token): \(values.prefix(20))")
      // 2 s at 2 ms is 1,000 messages; a loop that only fell behind would send far fewer.
      #expect(values.count >= 800, "\(token) sent \(values.count)")
    }
  }

  @Test func badInputEndsBeforeAnyDeviceConnects() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let bad = try scenario(directory, #"{"telemetry": [{"interval": 1, "values": {"t": {"generator": "uniform", "min": 3, "max": 1}}}]}"#)
    let cases: [([String], Int32, String)] = [
      (["--scenario", bad], 3, "/telemetry/0/values/t: min 3.0 is above max 1.0"),
      (["--scenario", "nosuch"], 2, "no built-in scenario 'nosuch'"),
      (["--scenario", "kaa-endpoint"], 2, "written for dialect kaa"),
      (["--devices", "0"], 2, "--devices takes 1 to 1000000"),
      (["--shard", "3/3"], 2, "--shard takes K/N"),
      (["--var", "token=t{x}"], 2, "only {n}"),
      (["--devices", "3", "-i", "same"], 2, "--id-template"),
    ]
    for (arguments, status, message) in cases {
      let result = try iotctl(["simulate", "--dialect", "thingsboard", "--var", "token=t{n}", "--duration", "1s"] + arguments + broker.address)
      #expect(result.status == status, "\(arguments): \(result.stderr)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    }
    let plus = try iotctl(["simulate", "--dialect", "kaa", "--var", "app=v1", "--var", "token=a+{n}", "--duration", "1s"] + broker.address)
    #expect(plus.status == 2 && plus.stderr.contains("device 0: variable token contains '+'"), "\(plus.stderr)")
    // More devices than open files: said before any connects, with the way out.
    let limited = try run(
      "/bin/bash", ["-c", "ulimit -n 200 && exec \"$0\" \"$@\"", iotctlPath, "simulate", "--dialect", "thingsboard", "--var", "token=t{n}",
        "--devices", "500", "--duration", "1s"] + broker.address)
    #expect(limited.status == 2 && limited.stderr.contains("raise the limit or split the fleet with --shard K/N"), "\(limited.stderr)")
    let port = try freePort()
    let stats = directory.appendingPathComponent("never.jsonl").path
    let unreachable = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--var", "token=t{n}", "--devices", "50", "--stats", stats, "-h", "127.0.0.1", "-p", String(port)])
    #expect(unreachable.status == 4 && unreachable.stderr.contains("connection refused"), "\(unreachable.stderr)")
    // No stats file is left behind by a run that never started.
    #expect(!FileManager.default.fileExists(atPath: stats))
  }

  @Test func refusedCredentialsEndTheRunAtOnce() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let passwords = directory.appendingPathComponent("passwords").path
    let made = try run(try #require(which("mosquitto_passwd")), ["-c", "-b", passwords, "device", "s3cret"])
    try #require(made.status == 0, "mosquitto_passwd failed: \(made.stderr)")
    let broker = try Broker(config: ["allow_anonymous false", "password_file \(passwords)"])
    let result = try iotctl(["simulate", "--dialect", "thingsboard", "--var", "token=t{n}", "--devices", "20", "--duration", "20s"] + broker.address, timeout: 15)
    #expect(result.status == 6, "\(result.stderr)")
    #expect(result.stderr.contains("not authorised") || result.stderr.contains("not authorized"), "\(result.stderr)")
  }

  @Test func anErrorRateOverTheLimitFailsTheRun() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // Every other captured payload is not JSON: the dialect's telemetry refuses it, half the time.
    try """
      {"payload": "{\\"t\\": 1}", "encoding": "utf8"}
      {"payload": "t=2", "encoding": "utf8"}
      """.write(toFile: directory.appendingPathComponent("capture.jsonl").path, atomically: true, encoding: .utf8)
    let file = try scenario(directory, #"{"telemetry": [{"interval": 0.2, "offset": 0, "replay": "capture.jsonl"}]}"#)
    let result = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--var", "token=t{n}", "--devices", "4", "--duration", "2s",
       "--max-error-rate", "0.1"] + broker.address)
    #expect(result.status == 14, "\(result.stderr)")
    #expect(result.stderr.contains("is above --max-error-rate 10.0%"), "\(result.stderr)")
    #expect(result.stdoutText.contains("a replayed payload is not JSON"), "\(result.stdoutText)")
    let passing = try iotctl(
      ["simulate", "--dialect", "thingsboard", "--scenario", file, "--var", "token=t{n}", "--devices", "4", "--duration", "2s",
       "--max-error-rate", "0.6"] + broker.address)
    #expect(passing.status == 0, "\(passing.stderr)")
  }

  @Test func ctrlCEndsWithTheSummary() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let stats = directory.appendingPathComponent("stats.jsonl").path
    let fleet = try Background(
      iotctlPath,
      ["simulate", "--dialect", "thingsboard", "--var", "token=t{n}", "--devices", "20", "--stats", stats, "--stats-interval", "200ms"]
        + broker.address)
    try #require(waitConnected(stats, 20), "the fleet did not connect: \(fleet.stderrSoFar)")
    fleet.signal(SIGINT)
    let result = fleet.wait(timeout: 20)
    #expect(result.status == 130, "\(result.stderr)")
    #expect(try records(stats).last?["type"] == "summary")
    #expect(result.stdoutText.contains("connections: 20 made"))
  }

  /// docs/simulate.md's Kubernetes Job and systemd unit: not run here, so checked for what they need.
  @Test func theDocumentedManifestsCarryTheShard() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("docs/simulate.md"), encoding: .utf8)
    func block(_ language: String) throws -> String {
      let start = try #require(text.range(of: "```\(language)\n"))
      let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
      return String(text[start.upperBound..<end.lowerBound])
    }
    let job = try block("yaml")
    for field in ["apiVersion: batch/v1", "kind: Job", "completionMode: Indexed", "restartPolicy: Never", "command: [\"iotctl\", \"simulate\"]"] {
      #expect(job.contains(field), "the Job lacks \(field)")
    }
    let completions = try #require(job.firstMatch(of: /completions: (\d+)/)?.1)
    let parallelism = try #require(job.firstMatch(of: /parallelism: (\d+)/)?.1)
    #expect(completions == parallelism)
    #expect(job.contains("--shard=$(JOB_COMPLETION_INDEX)/\(completions)"))
    #expect(job.contains("--stats=/stats/shard-$(JOB_COMPLETION_INDEX).jsonl"))
    // Every flag in the Job's args is one iotctl simulate takes.
    let flags = job.matches(of: /- "(--[a-z-]+)=/).map { String($0.1) }
    let help = try iotctl(["simulate", "run", "--help"]).stdoutText
    for flag in flags { #expect(help.contains(flag), "simulate run has no \(flag)") }
    let unit = try block("ini")
    #expect(unit.contains("--shard %i/4") && unit.contains("shard-%i.jsonl") && unit.contains("LimitNOFILE="))
    #expect(unit.contains("[Service]") && unit.contains("ExecStart=/usr/bin/iotctl simulate"))
  }
}
