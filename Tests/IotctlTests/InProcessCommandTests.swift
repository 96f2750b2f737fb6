import Foundation
import Glibc
import IotctlBase
import IotctlSchema
import IotctlTestSupport
import Synchronization
import Testing

@testable import iotctl

/// Commands run in this process against an injected environment (variables, config path, output, clock):
/// parsing, precedence and output, without a broker. The broker tests cover what happens on the wire.
@Suite struct InProcessCommandTests {
  /// One in-process run: the exit status and what the command wrote.
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var record: JSONValue? { try? JSONParser.parse(stdout) }
  }

  final class Sink: Sendable {
    let bytes = Mutex<[UInt8]>([])
    func append(_ buffer: UnsafeRawBufferPointer) { bytes.withLock { $0.append(contentsOf: buffer) } }
    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
  }

  /// 2026-12-02T10:00:00.123Z.
  static let clock = WallTime(seconds: 1_796_205_600, nanoseconds: 123_000_000)

  /// Runs `arguments` in-process; `stdin` is what a pipe gives the command as standard input.
  func run(_ arguments: [String], variables: [String: String] = [:], stdin: String = "") -> Run {
    let (out, err) = (Sink(), Sink())
    var pipe: [Int32] = [0, 0]
    guard Glibc.pipe(&pipe) == 0 else { return Run(status: -1, stdout: "", stderr: "no pipe") }
    defer { close(pipe[0]) }
    // Small inputs fit the pipe's buffer, so writing all before the command reads cannot block.
    _ = stdin.utf8CString.withUnsafeBufferPointer { Glibc.write(pipe[1], $0.baseAddress, $0.count - 1) }
    close(pipe[1])
    let environment = CommandEnvironment(
      variables: variables, input: pipe[0], writeOutput: { out.append($0); return true }, writeErrors: { err.append($0) },
      now: { Self.clock })
    let status = Iotctl.run(arguments, in: environment)
    return Run(status: status, stdout: out.text, stderr: err.text)
  }

  /// Standard input is the environment's too: a line-mode dry run reads it and shapes each line.
  @Test func standardInputIsTheEnvironments() {
    let result = run(
      ["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T1", "--lines", "--now", "--dry-run"],
      stdin: "{\"t\":1}\n{\"t\":2}\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "line 1: v1/devices/me/telemetry {\"ts\":1796205600123,\"values\":{\"t\":1}}\nline 2: v1/devices/me/telemetry {\"ts\":1796205600123,\"values\":{\"t\":2}}\n", "\(result.stdout)")
  }

  @Test func parsingErrorsAreUsageErrorsNamingTheFix() {
    let none = run(["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T"])
    #expect(none.status == 2 && none.stderr.contains("no values: give key=value words"), "\(none.stderr)")
    let both = run(["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T", "a=1", "--ts", "5", "--now"])
    #expect(both.status == 2 && both.stderr.contains("--ts or --now"))
    let unknown = run(["telemetry", "send", "--dialect", "nosuch", "a=1", "--dry-run"])
    #expect(unknown.status == 2 && unknown.stderr.contains("nosuch"), "\(unknown.stderr)")
    #expect(none.stdout.isEmpty && both.stdout.isEmpty)
  }

  /// ArgumentParser validates a command before it reports arguments it does not know: the unknown
  /// option must still be what the user hears about, not the validation's "no payload".
  @Test func anUnknownOptionIsNamedBeforeValidation() {
    for arguments in [["pub", "--nosuch"], ["pub", "-t", "a", "--nosuch=3"], ["telemetry", "send", "--nosuch"], ["rr", "-Z"]] {
      let result = run(arguments)
      let command = "iotctl " + arguments.prefix { !$0.hasPrefix("-") }.joined(separator: " ")
      #expect(result.status == 2)
      #expect(result.stderr == "iotctl: error: unknown option '\(arguments.last!)' (see '\(command) --help')\n", "\(result.stderr)")
    }
    let known = run(["pub", "-t", "a", "--qos", "1"])
    #expect(known.stderr.contains("no payload"), "\(known.stderr)")
  }

  /// `sub --output jsonl | schema validate --from-records`: each record's payload (utf8 or base64) is
  /// what is validated, named by line and topic; a payload that is not JSON is malformed (exit 3).
  @Test func recordsFromSubAreValidatedByTheirPayload() {
    let records = [
      #"{"topic":"v1/devices/me/telemetry","payload":"{\"t\":1}"}"#,
      #"{"topic":"v1/devices/me/telemetry","payload":"eyJ0IjoyfQ==","encoding":"base64"}"#,
      #"{"topic":"v1/devices/me/telemetry","payload":"7"}"#,
    ]
    let valid = run(["schema", "validate", "--dialect", "thingsboard", "--op", "telemetry", "--from-records"], stdin: records.prefix(2).joined(separator: "\n"))
    #expect(valid.status == 0, "\(valid.stderr)")
    #expect(valid.stdout == "ok stdin:1 v1/devices/me/telemetry\nok stdin:2 v1/devices/me/telemetry\n")
    let invalid = run(["schema", "validate", "--dialect", "thingsboard", "--op", "telemetry", "--from-records", "-"], stdin: records.joined(separator: "\n"))
    #expect(invalid.status == 10)
    #expect(invalid.stdout.hasSuffix("invalid stdin:3 v1/devices/me/telemetry: (root): matches none of the 2 schemas in anyOf [#/anyOf]\n"), "\(invalid.stdout)")
    let broken = run(["schema", "validate", "--dialect", "thingsboard", "--op", "telemetry", "--from-records"], stdin: #"{"topic":"t","payload":"[1"}"#)
    #expect(broken.status == 3 && broken.stdout.hasPrefix("malformed stdin:1 t: is not valid JSON"), "\(broken.stdout)")
  }

  /// Medium One's and Xyte's schemas assert their timestamps' format (x-assert-format): a date that
  /// does not exist is refused before anything is sent; `schema validate --assert-format` does it for
  /// any schema.
  @Test func platformTimestampsAreCheckedAsDates() {
    let base = ["telemetry", "send", "--dialect", "mediumone", "--var", "project=p", "--var", "user=u", "--dry-run", "--raw"]
    let good = run(base + [#"{"event_data":{"t":1},"observed_at":"2026-12-02T10:00:00.123456Z"}"#])
    #expect(good.status == 0, "\(good.stderr)")
    let impossible = run(base + [#"{"event_data":{"t":1},"observed_at":"2026-02-30T10:00:00Z"}"#])
    #expect(impossible.status == 10)
    #expect(impossible.stderr.contains(#"/observed_at: "2026-02-30T10:00:00Z" is not a valid date-time"#), "\(impossible.stderr)")
    let xyte = run(["telemetry", "send", "--dialect", "xyte", "--var", "id=d", "--var", "access_key=k", "--dry-run", "--raw",
      #"{"status":"online","timestamp":"2026-13-01T00:00:00Z"}"#])
    #expect(xyte.status == 10, "\(xyte.stderr)")
    let annotated = run(["schema", "validate", "--dialect", "thingsboard", "--op", "attributes.request"], stdin: #"{"sharedKeys":"a"}"#)
    #expect(annotated.status == 0, "\(annotated.stderr)")
  }

  @Test func assertFormatMakesFormatAnAssertion() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let schema = directory.appendingPathComponent("s.json")
    try #"{"properties": {"at": {"format": "date-time"}, "host": {"format": "hostname"}}}"#.write(to: schema, atomically: true, encoding: .utf8)
    let instance = #"{"at": "2026-02-30T00:00:00Z", "host": "-bad-"}"#
    let plain = run(["schema", "validate", "--schema", schema.path], stdin: instance)
    #expect(plain.status == 0, "\(plain.stdout)")
    let asserted = run(["schema", "validate", "--schema", schema.path, "--assert-format"], stdin: instance)
    #expect(asserted.status == 10)
    #expect(asserted.stdout.contains("/at: \"2026-02-30T00:00:00Z\" is not a valid date-time"), "\(asserted.stdout)")
    #expect(asserted.stdout.contains("/host: \"-bad-\" is not a valid hostname"), "\(asserted.stdout)")
  }

  /// A `context set` killed between its temporary file and the rename leaves the temporary file; the
  /// next write removes it, and leaves a live writer's alone (issue 19, item 11).
  @Test func aKilledWritersTemporaryFileIsRemovedByTheNextWrite() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config.json").path
    // A process that has exited: spawn one and take its id once it is gone.
    let gone = try Background("/bin/sleep", ["0"])
    _ = gone.wait(timeout: 5)
    let abandoned = config + ".tmp-\(gone.pid)-Ab12Cd"
    let live = config + ".tmp-\(getpid())-Ef34Gh"
    for file in [abandoned, live] { try Data(repeating: 0x41, count: 1000).write(to: URL(fileURLWithPath: file)) }
    let made = run(["context", "set", "lab", "--dialect", "thingsboard"], variables: ["IOTCTL_CONFIG": config])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(!FileManager.default.fileExists(atPath: abandoned))
    #expect(FileManager.default.fileExists(atPath: live))
  }

  /// QoS 2 with --reconnect cannot be exactly-once across a drop without a session that survives it:
  /// iotctl holds one for the run, and says so in a dry run; where the flags ask for a session that
  /// ends with the connection, it says what may be lost and how to keep it.
  @Test func qos2AcrossReconnectsHoldsASessionForTheRun() {
    let cases: [(flags: [String], warning: String?, held: Bool)] = [
      ([], nil, true),
      (["-V", "5"], nil, true),
      (["-i", "mine"], nil, true),
      (["-V", "5", "-i", "mine"], nil, true),
      (["-V", "5", "-i", "mine", "-c"], "add -x SECONDS", false),
      (["-c", "-i", "p1"], nil, false),
      (["-V", "5", "-i", "mine", "-c", "-x", "60"], nil, false),
      (["-q", "1", "-i", "mine"], nil, false),
    ]
    for (flags, warning, held) in cases {
      let result = run(["pub", "-t", "a", "-l", "-q", "2", "--reconnect", "3", "--dry-run"] + flags)
      #expect(result.status == 0, "\(flags): \(result.stderr)")
      if let warning {
        #expect(result.stderr.contains("ends it with the connection: \(warning)"), "\(flags): \(result.stderr)")
      } else {
        #expect(!result.stderr.contains("warning"), "\(flags): \(result.stderr)")
      }
      #expect(result.stdout.contains("session:    held across reconnects for this run") == held, "\(flags): \(result.stdout)")
      #expect(result.stdout.contains("an earlier one under this client id is ended first") == (held && flags.contains("-i")), "\(flags): \(result.stdout)")
    }
  }

  /// The injected clock stamps --now, and the dry run is one JSON record on the injected stdout.
  @Test func theClockAndTheOutputAreTheEnvironments() throws {
    let result = run(["telemetry", "send", "--dialect", "thingsboard", "--var", "token=T1", "t=1", "--now", "--dry-run", "--output", "jsonl"])
    #expect(result.status == 0, "\(result.stderr)")
    let record = try #require(result.record)
    #expect(record["payload"] == #"{"ts":1796205600123,"values":{"t":1}}"#)
    #expect(record["broker"] == "localhost:1883")
  }

  /// Where the broker comes from: flags, then IOTCTL_BROKER, then the context, then the dialect.
  @Test func theBrokerFollowsThePrecedence() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = ["IOTCTL_CONFIG": directory.appendingPathComponent("config.json").path]
    let made = run(
      ["context", "set", "dev", "--dialect", "thingsboard", "--broker", "mqtt://ctx.example:1884", "--var", "token=CTX1", "--use"],
      variables: config)
    #expect(made.status == 0, "\(made.stderr)")
    let send = ["telemetry", "send", "t=1", "--dry-run", "--output", "jsonl"]
    func broker(_ extra: [String], _ variables: [String: String]) throws -> String? {
      let result = run(send + extra, variables: config.merging(variables) { $1 })
      #expect(result.status == 0, "\(extra) \(variables): \(result.stderr)")
      return try #require(result.record)["broker"]?.stringValue
    }
    #expect(try broker([], [:]) == "ctx.example:1884")
    // Another broker leaves the context out, so these name the dialect and the token themselves.
    let own = ["--dialect", "thingsboard", "--var", "token=T"]
    #expect(try broker(own, ["IOTCTL_BROKER": "mqtt://env.example:1885"]) == "env.example:1885")
    #expect(try broker(own + ["-h", "flag.example"], ["IOTCTL_BROKER": "mqtt://env.example:1885"]) == "flag.example:1883")
    // The context's own broker named by a flag keeps the context.
    #expect(try broker(["-p", "1884", "-h", "ctx.example"], [:]) == "ctx.example:1884")
    // Without the context, the dialect's default.
    #expect(try broker(["--dialect", "thingsboard", "--var", "token=T"], ["IOTCTL_CONFIG": "/nonexistent/iotctl.json"]) == "localhost:1883")
  }

  /// A context's variables fill the dialect's, and a flag overrides them.
  @Test func variablesFollowThePrecedence() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = ["IOTCTL_CONFIG": directory.appendingPathComponent("config.json").path]
    _ = run(["context", "set", "k", "--dialect", "kaa", "--var", "app=ctxapp", "--var", "token=CTXTOKEN", "--use"], variables: config)
    let fromContext = run(["topics", "--op", "data", "--output", "json"], variables: config)
    #expect(fromContext.status == 0, "\(fromContext.stderr)")
    #expect(fromContext.stdout.contains("kp1/ctxapp/dcx/"), "\(fromContext.stdout)")
    let fromFlag = run(["topics", "--op", "data", "--output", "json", "--var", "app=flagapp"], variables: config)
    #expect(fromFlag.stdout.contains("kp1/flagapp/dcx/"), "\(fromFlag.stdout)")
  }

  /// Issue 16, item 4: usage errors keep acronyms, point at the verb's help, print under --quiet, and an
  /// unknown command is an error rather than the root help.
  @Test func usageErrorsReadRight() {
    let v5 = run(["pub", "-t", "a", "-m", "x", "-V", "311", "-x", "5", "--quiet"])
    #expect(v5.status == 2, "\(v5.stderr)")
    #expect(v5.stderr.contains("error: MQTT 5 features") && v5.stderr.contains("(see 'iotctl pub --help')"), "\(v5.stderr)")
    let sentence = run(["context", "use"])
    #expect(sentence.stderr.contains("error: give a context name") && sentence.stderr.contains("'iotctl context use --help'"))
    for arguments in [["help", "nosuch"], ["nosuch", "--help"]] {
      let unknown = run(arguments)
      #expect(unknown.status == 2 && unknown.stderr.contains("'nosuch' is not an iotctl command") && unknown.stdout.isEmpty)
    }
    #expect(run(["help", "pub"]).stdout.contains("mosquitto_pub"))
  }

  /// Issue 19, item 4: the config is written through a temporary file nobody can predict, so a link
  /// planted at the old name (config.tmp-PID) redirects nothing, and the secrets land with mode 0600.
  @Test func aPlantedLinkDoesNotRedirectTheConfig() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let config = directory.appendingPathComponent("config.json").path
    let victim = directory.appendingPathComponent("victim.txt").path
    try Data("untouched\n".utf8).write(to: URL(fileURLWithPath: victim))
    try FileManager.default.createSymbolicLink(atPath: config + ".tmp-\(getpid())", withDestinationPath: victim)
    let made = run(["context", "set", "x", "--dialect", "kaa", "--var", "token=SECRET-9", "--var", "app=a"], variables: ["IOTCTL_CONFIG": config])
    #expect(made.status == 0, "\(made.stderr)")
    #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched\n")
    var info = stat()
    #expect(stat(config, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(try String(contentsOfFile: config, encoding: .utf8).contains("SECRET-9"))
  }

  @Test func helpAndVersionPrintWithoutEndingTheProcess() {
    let version = run(["--version"])
    #expect(version.status == 0 && version.stdout == "0.1.0\n")
    let help = run(["fw", "fetch", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--chunk-size"))
  }
}

/// Issue 16, item 1 and 2: a context's secrets go only to its own dialect and broker, and the current
/// context never blocks a command that names others.
@Suite struct ContextScopeTests {
  let base = InProcessCommandTests()

  func configured() throws -> (URL, [String: String]) {
    let directory = try temporaryDirectory()
    let variables = ["IOTCTL_CONFIG": directory.appendingPathComponent("config.json").path]
    let made = base.run(
      ["context", "set", "tb", "--dialect", "thingsboard", "--broker", "mqtt://tb.example:1884", "--var", "token=TBSECRET1", "--use"],
      variables: variables)
    #expect(made.status == 0, "\(made.stderr)")
    return (directory, variables)
  }

  @Test func anotherDialectLeavesTheCurrentContextOut() throws {
    let (directory, variables) = try configured()
    defer { try? FileManager.default.removeItem(at: directory) }
    let kaa = base.run(
      ["op", "metadata.get", "--dialect", "kaa", "--var", "app=demo_v1", "--var", "token=K1", "--dry-run", "--output", "jsonl"],
      variables: variables)
    #expect(kaa.status == 0, "\(kaa.stderr)")
    #expect(!kaa.stdout.contains("TBSECRET1") && !kaa.stdout.contains("tb.example"), "\(kaa.stdout)")
    // Without --var token, Kaa's token is missing: the ThingsBoard token is not borrowed.
    let missing = base.run(["op", "metadata.get", "--dialect", "kaa", "--var", "app=demo_v1", "--dry-run"], variables: variables)
    #expect(missing.status == 2 && missing.stderr.contains("token"), "\(missing.stderr)")
  }

  @Test func anotherBrokerLeavesTheCurrentContextOut() throws {
    let (directory, variables) = try configured()
    defer { try? FileManager.default.removeItem(at: directory) }
    let other = base.run(
      ["telemetry", "send", "t=1", "--dialect", "thingsboard", "--var", "token=OWN", "-h", "127.0.0.1", "-p", "1999", "--dry-run",
       "--output", "jsonl"], variables: variables)
    #expect(other.status == 0, "\(other.stderr)")
    #expect(!other.stdout.contains("TBSECRET1"), "\(other.stdout)")
    // Its own broker named on the command line: the context still applies.
    let same = base.run(
      ["telemetry", "send", "t=1", "-h", "tb.example", "-p", "1884", "--dry-run", "--output", "jsonl"], variables: variables)
    #expect(same.status == 0 && same.record?["broker"] == "tb.example:1884", "\(same.stderr)")
    #expect(same.record?["equivalent"]?.stringValue?.contains("-u TBSECRET1") == false)
  }

  @Test func anExplicitContextOnAnotherBrokerIsRefused() throws {
    let (directory, variables) = try configured()
    defer { try? FileManager.default.removeItem(at: directory) }
    let refused = base.run(["telemetry", "send", "t=1", "--context", "tb", "-h", "elsewhere.example", "--dry-run"], variables: variables)
    #expect(refused.status == 2 && refused.stderr.contains("belongs to mqtt://tb.example:1884"), "\(refused.stderr)")
    let wrongDialect = base.run(["telemetry", "send", "t=1", "--context", "tb", "--dialect", "kaa", "--dry-run"], variables: variables)
    #expect(wrongDialect.status == 2 && wrongDialect.stderr.contains("is for dialect thingsboard, not dialect kaa"), "\(wrongDialect.stderr)")
  }

  @Test func theCurrentContextCanBeCleared() throws {
    let (directory, variables) = try configured()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cleared = base.run(["context", "use", "--none"], variables: variables)
    #expect(cleared.status == 0, "\(cleared.stderr)")
    let send = base.run(["telemetry", "send", "t=1", "--dry-run"], variables: variables)
    #expect(send.status == 2 && send.stderr.contains("name a dialect"), "\(send.stderr)")
    #expect(base.run(["context", "use"], variables: variables).status == 2)
  }
}
