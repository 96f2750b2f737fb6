import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// Contexts: the config file, the `context` verbs, precedence, secrets and bad files.
@Suite struct ContextTests {
  /// A config folder of its own, and iotctl run with it.
  final class Home {
    let directory: URL
    var config: String { directory.appendingPathComponent("iotctl/config").path }

    init() throws { directory = try temporaryDirectory() }
    deinit { try? FileManager.default.removeItem(at: directory) }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
      try iotctl(arguments, environment: ["XDG_CONFIG_HOME": directory.path].merging(environment) { $1 })
    }

    /// Runs and requires exit 0.
    @discardableResult
    func succeed(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
      let result = try run(arguments, environment: environment)
      try #require(result.status == 0, "iotctl \(arguments.joined(separator: " ")): \(result.stderr)")
      return result
    }
  }

  /// A dry run's "name: value" lines.
  func fields(_ result: ProcessResult) -> [String: String] {
    var fields: [String: String] = [:]
    for line in result.stdoutText.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return fields
  }

  @Test func setUseListShowDelete() throws {
    let home = try Home()
    try home.succeed(["context", "set", "tb", "--dialect", "thingsboard", "--broker", "mqtt://tb.example:1884", "--var", "token=T0KEN-SECRET", "--use"])
    try home.succeed(["context", "set", "kaa", "--dialect", "kaa", "--var", "app=demo", "--var", "token=env:KAA_TOKEN"])
    var info = stat()
    #expect(stat(home.config, &info) == 0 && info.st_mode & 0o777 == 0o600)

    let listed = try JSONParser.parse(try home.succeed(["context", "list", "--output", "json"]).stdoutText)
    #expect(listed.arrayValue?.map { $0["name"]?.stringValue } == ["tb", "kaa"])
    #expect(listed.arrayValue?.map { $0["current"]?.boolValue } == [true, false])

    // Inline secrets are masked; references are shown as written.
    let shown = try home.succeed(["context", "show", "--output", "json"])
    #expect(!shown.stdoutText.contains("T0KEN-SECRET") && shown.stdoutText.contains("****"))
    let kaa = try JSONParser.parse(try home.succeed(["context", "show", "kaa", "--output", "json"]).stdoutText)
    #expect(kaa["context"]?["vars"]?["token"] == "env:KAA_TOKEN" && kaa["context"]?["vars"]?["app"] == "demo")

    try home.succeed(["context", "use", "kaa"])
    #expect(try JSONParser.parse(try home.succeed(["context", "show", "--output", "json"]).stdoutText)["name"] == "kaa")
    try home.succeed(["context", "delete", "kaa"])
    let after = try JSONParser.parse(try home.succeed(["context", "list", "--output", "json"]).stdoutText)
    #expect(after.arrayValue?.count == 1)
    #expect(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: home.config)))["current"] == nil)

    let unknown = try home.run(["context", "use", "nope"])
    #expect(unknown.status == 2 && unknown.stderr.contains("no context 'nope'") && unknown.stderr.contains("known: tb"))
  }

  @Test func contextSetChecksVariablesAgainstTheDialect() throws {
    let home = try Home()
    let plus = try home.run(["context", "set", "k", "--dialect", "kaa", "--var", "token=a+b"])
    #expect(plus.status == 2 && plus.stderr.contains("'+'"))
    let unknown = try home.run(["context", "set", "k", "--dialect", "kaa", "--var", "colour=red"])
    #expect(unknown.status == 2 && unknown.stderr.contains("no variable 'colour'"))
    #expect(!FileManager.default.fileExists(atPath: home.config))
  }

  /// flags > IOTCTL_* environment > context > dialect defaults, for the broker, a variable and the dialect.
  @Test func precedence() throws {
    let home = try Home()
    try home.succeed([
      "context", "set", "dev", "--dialect", "kaa", "--broker", "mqtt://context.example:1884", "--var", "app=ctx-app",
      "--var", "token=ctx-token", "--use",
    ])
    let request = ["op", "metadata.get", "--dry-run"]

    let fromContext = fields(try home.succeed(request))
    #expect(fromContext["broker"]?.hasPrefix("context.example:1884") == true)
    #expect(fromContext["topic"]?.hasPrefix("kp1/ctx-app/epmx/") == true)

    // Another broker leaves the context out (its secrets stay with its own broker): the dialect and the
    // variables then come from the environment and the flags.
    let environment = [
      "IOTCTL_BROKER": "mqtt://env.example:1885", "IOTCTL_VAR_app": "env-app", "IOTCTL_DIALECT": "kaa", "IOTCTL_VAR_token": "env-token",
    ]
    let fromEnvironment = fields(try home.succeed(request, environment: environment))
    #expect(fromEnvironment["broker"]?.hasPrefix("env.example:1885") == true)
    #expect(fromEnvironment["topic"]?.hasPrefix("kp1/env-app/epmx/") == true)

    let fromFlags = fields(try home.succeed(request + ["-h", "flag.example", "-p", "1886", "--var", "app=flag-app"], environment: environment))
    #expect(fromFlags["broker"]?.hasPrefix("flag.example:1886") == true)
    #expect(fromFlags["topic"]?.hasPrefix("kp1/flag-app/epmx/") == true)

    // Without a broker in the context, the dialect's default applies.
    try home.succeed(["context", "set", "dev", "--unset", "broker"])
    #expect(fields(try home.succeed(request))["broker"]?.hasPrefix("mqtt.cloud.kaaiot.com:1883") == true)

    // The dialect: --dialect > IOTCTL_DIALECT > the context's.
    try home.succeed(["context", "set", "tb", "--dialect", "thingsboard", "--var", "token=tb-token"])
    let attributes = ["op", "attributes.request", "--dry-run", "--context", "tb"]
    #expect(fields(try home.succeed(attributes))["dialect"] == "thingsboard")
    let overridden = try home.run(attributes, environment: ["IOTCTL_DIALECT": "kaa"])
    #expect(overridden.status == 2 && overridden.stderr.contains("dialect kaa"))
    // A context named on the command line wins over IOTCTL_CONTEXT and the current one.
    #expect(try home.succeed(["topics", "--context", "tb"], environment: ["IOTCTL_CONTEXT": "dev"]).stdoutText.contains("v1/devices/me/telemetry"))
    let named = try home.succeed(["op", "metadata.get", "--dry-run"], environment: ["IOTCTL_CONTEXT": "dev"])
    #expect(fields(named)["dialect"] == "kaa")
  }

  @Test func secretsAreMaskedAndStayWithTheirBroker() throws {
    let home = try Home()
    try home.succeed([
      "context", "set", "tb", "--dialect", "thingsboard", "--broker", "mqtt://tb.example:1883", "--var", "token=SECRET-TOKEN-1",
      "--username", "ops", "--password", "SECRET-PASSWORD-2", "--use",
    ])
    let dryRun = try home.succeed(["op", "attributes.request", "--dry-run"])
    #expect(!dryRun.stdoutText.contains("SECRET-TOKEN-1") && !dryRun.stdoutText.contains("SECRET-PASSWORD-2"))
    #expect(fields(dryRun)["username"] == "ops" && fields(dryRun)["password"] == "****")

    // Another broker on the command line gets neither the context's user nor its password nor its token.
    let elsewhere = try home.succeed(
      ["op", "attributes.request", "--dry-run", "-h", "other.example", "--dialect", "thingsboard", "--var", "token=OWN-TOKEN-3"])
    #expect(fields(elsewhere)["password"] == nil && fields(elsewhere)["username"] == "****")
  }

  /// Issue 16, item 1, on the wire: with a ThingsBoard context current, a command for another dialect or
  /// another broker sends none of the context's secrets (the broker's log and an independent subscriber
  /// are the witnesses; a dry run would mask them).
  @Test func aContextsSecretsNeverReachAnotherBroker() throws {
    let home = try Home()
    try home.succeed([
      "context", "set", "tb", "--dialect", "thingsboard", "--broker", "mqtt://tb.example:1883", "--var", "token=SECRET-TOKEN-1",
      "--use",
    ])
    let broker = try Broker()
    let wire = try PeerSubscriber(broker, ["-t", "#", "-v"])
    let kaa = try home.run(["op", "metadata.get", "--dialect", "kaa", "--var", "app=demo_v1", "-W", "1"] + broker.address)
    #expect(kaa.status == 2 && kaa.stderr.contains("token"), "\(kaa.stderr)")
    let tb = try home.run(["op", "attributes", #"{"a":1}"#, "--dialect", "thingsboard", "--var", "token=OWN-TOKEN-3"] + broker.address)
    #expect(tb.status == 0, "\(tb.stderr)")
    let seen = wire.waitForLines(1, timeout: 5).joined(separator: "\n")
    #expect(seen.contains("v1/devices/me/attributes"), "\(seen)")
    #expect(!seen.contains("SECRET-TOKEN-1") && !broker.log.contains("SECRET-TOKEN-1"), "\(broker.log)")
    #expect(broker.log.contains("u'OWN-TOKEN-3'"), "\(broker.log)")
  }

  @Test func referencesResolveWhenUsed() throws {
    let home = try Home()
    let appFile = home.directory.appendingPathComponent("app.txt")
    try "app-from-file\n".write(to: appFile, atomically: true, encoding: .utf8)
    try home.succeed(["context", "set", "k", "--dialect", "kaa", "--var", "app=file:\(appFile.path)", "--var", "token=env:ITEST_KAA_TOKEN", "--use"])
    let resolved = try home.succeed(["op", "metadata.get", "--dry-run"], environment: ["ITEST_KAA_TOKEN": "env-token-1"])
    #expect(fields(resolved)["topic"]?.hasPrefix("kp1/app-from-file/epmx/****/get/") == true)
    #expect(!resolved.stdoutText.contains("env-token-1"))

    let missing = try home.run(["op", "metadata.get", "--dry-run"])
    #expect(missing.status == 3)
    #expect(missing.stderr.contains("context k") && missing.stderr.contains("ITEST_KAA_TOKEN") && missing.stderr.split(separator: "\n").count == 1)
    // A value on the command line means the reference is never looked at.
    #expect(try home.run(["op", "metadata.get", "--dry-run", "--var", "token=given"]).status == 0)
    try FileManager.default.removeItem(at: appFile)
    let gone = try home.run(["op", "metadata.get", "--dry-run", "--var", "token=given"])
    #expect(gone.status == 3 && gone.stderr.contains("context k") && gone.stderr.contains(appFile.path))
  }

  @Test func aSharedFileWithInlineSecretsDrawsAWarning() throws {
    let home = try Home()
    try home.succeed(["context", "set", "tb", "--dialect", "thingsboard", "--var", "token=INLINE-SECRET", "--use"])
    #expect(!(try home.succeed(["op", "attributes.request", "--dry-run"]).stderr.contains("warning")))
    chmod(home.config, 0o644)
    let shared = try home.succeed(["op", "attributes.request", "--dry-run"])
    #expect(shared.stderr.contains("warning") && shared.stderr.contains("chmod 600 \(home.config)"))
    #expect(!shared.stderr.contains("INLINE-SECRET"))
  }

  /// No file (a dangling link too) is an empty config; a file that is there and cannot be read is an error
  /// that names it, not an empty config.
  @Test func anAbsentConfigIsEmptyAndAnUnreadableOneIsReported() throws {
    let home = try Home()
    let folder = home.directory.appendingPathComponent("iotctl")
    #expect(try home.succeed(["context", "list", "--output", "json"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: home.config, withDestinationPath: folder.appendingPathComponent("gone").path)
    #expect(try home.succeed(["context", "list", "--output", "json"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    try FileManager.default.removeItem(atPath: home.config)
    try FileManager.default.createDirectory(atPath: home.config, withIntermediateDirectories: true)
    let directory = try home.run(["context", "list"])
    #expect(directory.status == 3 && directory.stderr.contains("cannot read the context config \(home.config)"), "\(directory.stderr)")
    #expect(directory.stderr.split(separator: "\n").count == 1)
  }

  @Test func aCorruptConfigIsReportedAndLeftAlone() throws {
    let home = try Home()
    try FileManager.default.createDirectory(at: home.directory.appendingPathComponent("iotctl"), withIntermediateDirectories: true)
    let corrupt = "{\"contexts\": {\"a\": {\"dialect\": \"kaa\",}}}\n"
    try corrupt.write(toFile: home.config, atomically: true, encoding: .utf8)
    for arguments in [["context", "list"], ["context", "set", "b", "--dialect", "kaa"], ["op", "metadata.get", "--dry-run"]] {
      let result = try home.run(arguments)
      #expect(result.status == 3, "\(arguments)")
      #expect(result.stderr.contains(home.config) && result.stderr.contains("line 1") && result.stderr.split(separator: "\n").count == 1)
    }
    #expect(try String(contentsOfFile: home.config, encoding: .utf8) == corrupt)
    // A raw verb that names its broker does not need the file.
    #expect(try home.run(["pub", "-h", "127.0.0.1", "-t", "x", "-m", "y", "--dry-run"]).status == 0)
    let unknownField = "{\"contexts\": {\"a\": {\"brokr\": \"mqtt://x\"}}}"
    try unknownField.write(toFile: home.config, atomically: true, encoding: .utf8)
    let typo = try home.run(["context", "list"])
    #expect(typo.status == 3 && typo.stderr.contains("unknown field 'brokr'"))
  }

  /// A context against a real broker and the emulator: the verb needs nothing but --context.
  @Test func aContextRunsAVerbLive() throws {
    let broker = try Broker()
    let home = try Home()
    let emulator = try EmulatorProcess(broker, ["--dialect", "kaa"], readyWithin: 30)
    try home.succeed([
      "context", "set", "lab", "--dialect", "kaa", "--broker", "mqtt://127.0.0.1:\(broker.port)", "--var", "app=lab-app",
      "--var", "token=env:LAB_TOKEN",
    ])
    let result = try home.run(["op", "metadata.get", "--context", "lab"], environment: ["LAB_TOKEN": "lab-token"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect((try? JSONParser.parse(result.stdoutText))?.objectValue != nil, "\(result.stdoutText)")
    #expect(emulator.log.contains("kp1/lab-app/epmx/lab-token/get/"))
  }

  /// `op provision --save-context`: the token the platform issues becomes a context that works at once; a
  /// taken name is refused before anything is sent, and a refusal writes nothing.
  @Test func provisioningSavesTheIssuedTokenAsAContext() throws {
    let broker = try Broker()
    let home = try Home()
    func emulator(_ outcome: String) throws -> EmulatorProcess {
      try EmulatorProcess(broker, ["--dialect", "thingsboard", "--provision", outcome], readyWithin: 30)
    }
    let request = #"{"deviceName":"dev-7","provisionDeviceKey":"key","provisionDeviceSecret":"secret"}"#
    let provision = ["op", "provision", "--dialect", "thingsboard", "-u", "provision", request] + broker.address
    var platform = try emulator("SUCCESS")
    let result = try home.run(provision + ["--save-context", "dev-7"])
    #expect(result.status == 0, "\(result.stderr)")
    let token = try #require(try JSONParser.parse(result.stdoutText)["credentialsValue"]?.stringValue)
    #expect(result.stderr.contains("context dev-7 saved") && !result.stderr.contains(token))
    let saved = try JSONParser.parse(String(contentsOfFile: home.config, encoding: .utf8))["contexts"]?["dev-7"]
    #expect(saved == ["dialect": "thingsboard", "broker": .string("mqtt://127.0.0.1:\(broker.port)"), "vars": ["token": .string(token)]])
    #expect(try home.run(["context", "show", "dev-7"]).stdoutText.contains("var token  ****"))

    // The new context is a device: telemetry reaches the platform with the issued token as the user name.
    let peer = try PeerSubscriber(broker, ["-t", "v1/devices/me/telemetry", "-v"])
    #expect(try home.run(["telemetry", "send", "--context", "dev-7", "temperature=21"]).status == 0)
    #expect(peer.waitForLines(1) == [#"v1/devices/me/telemetry {"temperature":21}"#])

    // A taken name: refused before the request leaves (the platform sees no second provisioning request).
    let requestsBefore = platform.log.components(separatedBy: "provision").count
    let taken = try home.run(provision + ["--save-context", "dev-7"])
    #expect(taken.status == 2 && taken.stderr.contains("context dev-7 exists"))
    usleep(300_000)
    #expect(platform.log.components(separatedBy: "provision").count == requestsBefore)
    platform.stop()

    // The platform refuses: exit 11, and no context.
    platform = try emulator("NOT_FOUND")
    let refused = try home.run(provision + ["--save-context", "dev-8"])
    #expect(refused.status == 11 && refused.stderr.contains("context dev-8 was not written"), "\(refused.stderr)")
    #expect(try home.run(["context", "show", "dev-8"]).status != 0)
  }

  /// Completions that know the domain, as the generated scripts ask for them (`iotctl ---completion ...`).
  @Test func completionsComeFromTheCatalogueAndTheConfig() throws {
    let home = try Home()
    try home.succeed(["context", "set", "lab-kaa", "--dialect", "kaa", "--use"])
    try home.succeed(["context", "set", "lab-tb", "--dialect", "thingsboard"])
    func complete(_ words: [String], _ argument: String, _ command: String) throws -> [String] {
      let result = try home.run(["---completion", command, "--", argument, String(words.count - 1), "0"] + words)
      return result.stdoutText.split(separator: "\n").map(String.init)
    }
    #expect(try complete(["iotctl", "pub", "--context", ""], "--context", "pub") == ["lab-kaa", "lab-tb"])
    #expect(try Set(complete(["iotctl", "rr", "--dialect", ""], "--dialect", "rr")).isSuperset(of: ["thingsboard", "kaa", "edgeiq", "xyte", "mediumone"]))
    #expect(try complete(["iotctl", "rr", "--dialect", "thingsboard", "--op", ""], "--op", "rr").contains("attributes.request"))
    // Without --dialect, the operations of the current context's dialect.
    let current = try complete(["iotctl", "rr", "--op", ""], "--op", "rr")
    #expect(current.contains("metadata.get") && !current.contains("attributes.request"))
  }
}
