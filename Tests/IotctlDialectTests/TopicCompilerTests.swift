import Foundation
import IotctlDialect
import Testing

@Suite struct TopicCompilerTests {
  let catalog = ProfileCatalog(environment: [:])

  func compiler(_ dialect: String, _ values: [String: String]) throws -> TopicCompiler {
    TopicCompiler(bindings: try VariableBindings(profile: catalog.load(dialect), given: values, environment: [:]))
  }

  @Test func templatesRenderDropOptionalLevelsAndMatchBack() throws {
    let template = try TopicTemplate("kp1/{app}/cmx/{token}/config/json/{configName?}/{requestId}")
    #expect(template.variableNames == ["app", "token", "configName", "requestId"])
    let values = ["app": "a1", "token": "t1", "requestId": "7"]
    #expect(try template.render { values[$0] }.get() == "kp1/a1/cmx/t1/config/json/7")
    #expect(template.filter { values[$0] } == "kp1/a1/cmx/t1/config/json/7")
    #expect(template.filter { $0 == "app" ? "a1" : nil } == "kp1/a1/cmx/+/config/json/+")
    #expect(template.match("kp1/a1/cmx/t1/config/json/7") == values)
    #expect(template.match("kp1/a1/cmx/t1/config/json/main/7")?["configName"] == "main")
    #expect(template.match("kp1/a1/dcx/t1/json/7") == nil)
    #expect(throws: TopicTemplate.SyntaxError.self) { try TopicTemplate("a/{b") }
    #expect(throws: TopicTemplate.SyntaxError.self) { try TopicTemplate("a/x{b?}") }
    #expect(throws: TopicTemplate.SyntaxError.self) { try TopicTemplate("a/{1b}") }
  }

  /// The byte scan's edges: empty levels, names with non-ASCII letters (Unicode letters count, as
  /// `Character.isLetter` says), and each syntax error's message.
  @Test func templatesParseLevelByLevel() throws {
    let values = ["größe": "L", "a_1": "x", "b": "y"]
    #expect(try TopicTemplate("/{größe}//{a_1}-{b}/").render { values[$0] }.get() == "/L//x-y/")
    #expect(try TopicTemplate("é/{größe}/{b?}").render { values[$0] }.get() == "é/L/y")
    #expect(try TopicTemplate("a/{b?}/c").render { _ in nil }.get() == "a/c")
    #expect(try TopicTemplate("{a_1}{b}/{größe}").variableNames == ["a_1", "b", "größe"])
    // A '/' that a combining mark follows still ends a level, in a template and in the topic it matches.
    let accented = "x/\u{301}y"
    #expect(try TopicTemplate("x/{b}").match(accented) == ["b": "\u{301}y"])
    #expect(try TopicTemplate("x/\u{301}{b}").render { _ in "y" }.get().utf8.elementsEqual(accented.utf8))
    let messages: [(String, String)] = [
      ("a/{b", "\"a/{b\" has a \"{\" without its \"}\""),
      ("a/b}", "\"a/b}\" has a \"}\" without its \"{\""),
      ("a/{}", "\"a/{}\" has a placeholder \"{}\" that is not a variable name"),
      ("a/{x-y}", "\"a/{x-y}\" has a placeholder \"{x-y}\" that is not a variable name"),
      ("a/{_x}", "\"a/{_x}\" has a placeholder \"{_x}\" that is not a variable name"),
      ("a/{ü-}", "\"a/{ü-}\" has a placeholder \"{ü-}\" that is not a variable name"),
      ("a/x{b?}", "\"a/x{b?}\": an optional placeholder must fill a whole level, as in a/{name?}/b"),
    ]
    for (text, message) in messages {
      #expect(throws: Error.self) { try TopicTemplate(text) }
      do {
        _ = try TopicTemplate(text)
      } catch {
        #expect(error.message == message)
      }
    }
  }

  @Test func variablesAreCheckedAndNamed() throws {
    let kaa = try catalog.load("kaa")
    for bad in ["dev+1", "dev#", "a/b", "tab\there", ""] {
      #expect {
        _ = try VariableBindings(profile: kaa, given: ["app": "a", "token": bad], environment: [:])
      } throws: { error in
        let failure = error as? CoreError
        // The token is a secret: the message names the variable but not its value.
        return failure?.kind == .invalidVariable && failure!.message.hasPrefix("variable token ") && (bad.isEmpty || !failure!.message.contains(bad))
      }
    }
    #expect {
      _ = try VariableBindings(profile: kaa, given: ["app": "a", "metric": "42"], environment: [:])
    } throws: { ($0 as? CoreError)?.message.contains("pattern") == true }
    #expect {
      _ = try VariableBindings(profile: kaa, given: ["ap": "a"], environment: [:])
    } throws: { ($0 as? CoreError)?.kind == .unknownVariable }
    let fromEnvironment = try VariableBindings(profile: kaa, given: [:], environment: ["KAA_ENDPOINT_TOKEN": "envtoken"])
    #expect(fromEnvironment["token"] == "envtoken")
  }

  @Test func missingVariablesAreReportedWithTheFlagToPass() throws {
    var kaa = try compiler("kaa", ["app": "a1"])
    #expect {
      _ = try kaa.compile("data")
    } throws: { error in
      let failure = error as? CoreError
      return failure?.kind == .missingVariable && failure!.message.contains("--var token=VALUE or set $KAA_ENDPOINT_TOKEN")
    }
    #expect(throws: CoreError.self) { try kaa.connection() }
    #expect {
      _ = try kaa.compile("nonsense")
    } throws: { ($0 as? CoreError)?.kind == .unknownOperation }
  }

  @Test func requestIDsAreFreshPerExchangeAndOptionalWhereAllowed() throws {
    var kaa = try compiler("kaa", ["app": "a1", "token": "t1"])
    let first = try kaa.compile("metadata.get")
    let second = try kaa.compile("metadata.get")
    #expect(first.requestID != second.requestID)
    #expect(first.topic == "kp1/a1/epmx/t1/get/\(first.requestID!)")
    #expect(first.responseTopic == first.topic + "/status")
    #expect(first.errorTopic == first.topic + "/error")
    let withoutID = try kaa.compile("data", withRequestID: false)
    #expect(withoutID.topic == "kp1/a1/dcx/t1/json")
    #expect(withoutID.requestID == nil)
    // A required request id cannot be left out.
    #expect(try kaa.compile("metadata.keys", withRequestID: false).requestID != nil)
    var allocator = RequestIDAllocator(range: 1...3)
    let ids = (0..<6).map { _ in allocator.allocate() }
    #expect(Set(ids) == [1, 2, 3])
    #expect(ids[0] == ids[3])
  }

  @Test func connectionsCarryTheDialectsCredentials() throws {
    let xyte = try compiler("xyte", ["id": "dev1", "access_key": "k3y"])
    let connection = try xyte.connection()
    #expect(connection.username == "dev1")
    #expect(connection.password == "k3y")
    #expect(connection.clientID == "dev1")
    #expect(connection.mqttVersion == "5")
    var xyteCompiler = xyte
    let telemetry = try xyteCompiler.compile("telemetry")
    #expect(telemetry.userProperties.map { "\($0.name)=\($0.value)" } == ["device_id=dev1", "access_key=k3y"])
    #expect(xyte.bindings.masked.map(\.value) == ["dev1", "****"])
    let edgeiq = try compiler("edgeiq", ["company": "c1", "device": "d1", "password": "pw"]).connection()
    #expect(edgeiq.clientID == "c1/d1")
    #expect(edgeiq.username == "c1/d1")
    #expect(edgeiq.tls && edgeiq.port == 443)
  }

  /// One line per operation: name, direction, pattern, confidence, topic, response, error, reply; with every
  /// variable bound to a sample value, the request id 42 and chunk 0.
  static func table(_ dialect: String, catalog: ProfileCatalog) throws -> String {
    let profile = try catalog.load(dialect)
    var values: [String: String] = [:]
    for variable in profile.variables where variable.name != "configName" { values[variable.name] = variable.name.uppercased() + "1" }
    if values["metric"] != nil { values["metric"] = "temperature" }
    if values["commandType"] != nil { values["commandType"] = "reboot" }
    var compiler = TopicCompiler(bindings: try VariableBindings(profile: profile, given: values, environment: [:]))
    var lines = ["# \(dialect): operation | direction | pattern | confidence | topic | response | error | reply"]
    for operation in profile.operations {
      let compiled = try compiler.compile(operation.name, requestID: 42, extra: ["chunk": "0"])
      let fields = [
        operation.name, operation.direction.rawValue, operation.pattern.rawValue, operation.confidence.rawValue,
        compiled.topic, compiled.responseTopic ?? "-", compiled.errorTopic ?? "-", compiled.replyTemplate ?? "-",
      ]
      lines.append(fields.joined(separator: " | "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The golden tables in `Golden/` are the reviewed topics of every operation; regenerate them with
  /// `IOTCTL_UPDATE_GOLDEN=1 swift test --filter goldenTopicTables` and review the diff.
  @Test(arguments: ProfileCatalog.builtinNames)
  func goldenTopicTables(dialect: String) throws {
    let actual = try Self.table(dialect, catalog: catalog)
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(dialect).txt")
    if ProcessInfo.processInfo.environment["IOTCTL_UPDATE_GOLDEN"] == "1" {
      try actual.write(to: file, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(actual == expected)
  }
}
