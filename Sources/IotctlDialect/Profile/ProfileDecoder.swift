import IotctlBase
import IotctlSchema

/// Reads a profile document into a ``DialectProfile``, checking it against the profile format's schema
/// and then against the rules a schema cannot express: templates that name undeclared variables, and
/// payload schemas that do not compile.
struct ProfileDecoder {
  let origin: String
  /// Skips the checks that the test suite already makes of the built-in profiles, so that loading one
  /// costs a parse and little more.
  var trusted = false

  /// The profile format's schema, compiled once.
  static let formatSchema: JSONSchema = {
    // The schema is part of the binary and covered by tests; failing here is a build defect.
    let document = try! JSONParser.parse(PackageResources.profile_schema_json)
    return try! JSONSchema(document)
  }()

  func fail(_ message: String) -> CoreError { CoreError(.invalidProfile, "\(origin): \(message)") }

  /// Checks `document` against the profile format; every problem, with its JSON Pointer.
  func formatErrors(_ document: JSONValue) -> [String] {
    Self.formatSchema.validate(document).map { error in
      let place = error.instancePointer.tokens.isEmpty ? "the profile" : error.instancePointer.description
      return "\(place): \(error.message)"
    }
  }

  func decode(_ document: JSONValue, base: DialectProfile?) throws(CoreError) -> DialectProfile {
    if !trusted, let problem = formatErrors(document).first { throw fail(problem) }
    guard let object = document.objectValue else { throw fail("a profile is an object with a name") }
    return try decode(object, base: base, deferred: nil)
  }

  /// A trusted profile whose operations and schemas were left as text (`parts`, from
  /// `JSONParser.parse(_:deferring:)`), decoded later one by one.
  func decode(
    _ object: JSONObject, text: [UInt8], parts: [String: [(key: String, range: Range<Int>)]]
  ) throws(CoreError) -> DialectProfile {
    try decode(object, base: nil, deferred: (text, parts))
  }

  private func decode(
    _ object: JSONObject, base: DialectProfile?, deferred: (text: [UInt8], parts: [String: [(key: String, range: Range<Int>)]])?
  ) throws(CoreError) -> DialectProfile {
    guard let name = object["name"]?.stringValue else { throw fail("a profile is an object with a name") }
    var profile =
      base
      ?? DialectProfile(
        name: name, title: "", sources: [], notes: [],
        defaults: ConnectionDefaults(host: nil, port: nil, tlsPort: nil, tls: false, mqttVersion: "3.1.1", qos: 0),
        auth: AuthModel(username: nil, password: nil, clientID: nil, userProperties: [], note: nil),
        variables: [], requestIDRange: 1...99_999, operations: [], schemas: [:], telemetryShapes: [], configVerb: nil,
        commandVerb: nil, origin: origin)
    profile.name = name
    profile.origin = origin
    if let title = object["title"]?.stringValue { profile.title = title }
    if let sources = object["sources"]?.arrayValue { profile.sources = sources.compactMap(\.stringValue) }
    if let notes = object["notes"]?.arrayValue { profile.notes = notes.compactMap(\.stringValue) }
    if let defaults = object["defaults"]?.objectValue { decodeDefaults(defaults, into: &profile.defaults) }
    if let auth = object["auth"]?.objectValue { decodeAuth(auth, into: &profile.auth) }
    for (variableName, rule) in object["variables"]?.objectValue?.members ?? [] {
      let variable = decodeVariable(variableName, rule)
      if let index = profile.variables.firstIndex(where: { $0.name == variableName }) {
        profile.variables[index] = variable
      } else {
        profile.variables.append(variable)
      }
    }
    if let range = object["requestIds"], let low = range["min"]?.numberValue?.intValue,
      let high = range["max"]?.numberValue?.intValue
    {
      guard low <= high else { throw fail("/requestIds: min \(low) is above max \(high)") }
      profile.requestIDRange = low...high
    }
    if let limits = object["limits"] { profile.limits = Self.limits(limits) }
    if let deferred {
      profile.deferDecoding(
        to: DeferredOperations(
          text: deferred.text, operations: deferred.parts["operations"] ?? [], schemas: deferred.parts["schemas"] ?? [],
          decoder: self, limits: profile.limits))
    } else {
      // Built up in locals: the profile's properties are computed, and appending through one copies the array.
      var schemas = profile.schemas
      for (schemaName, schema) in object["schemas"]?.objectValue?.members ?? [] { schemas[schemaName] = schema }
      var operations = profile.operations
      // Only an inherited operation can be replaced or removed: looking for every name in the list made a
      // profile of 100,000 operations take a minute to load.
      let inherited = Set(operations.map(\.name))
      for (operationName, value) in object["operations"]?.objectValue?.members ?? [] {
        if inherited.contains(operationName) { operations.removeAll { $0.name == operationName } }
        guard let operation = value.objectValue else { continue }  // null removes an inherited operation
        operations.append(try decodeOperation(operationName, operation, schemas: { schemas[$0] }, limits: profile.limits))
      }
      profile.schemas = schemas
      profile.operations = operations
    }
    if let shapes = object["verbs"]?["telemetry"]?.arrayValue {
      profile.telemetryShapes = shapes.map { shape in
        TelemetryShape(
          name: shape["name"]?.stringValue ?? "", operation: shape["operation"]?.stringValue ?? "",
          shape: shape["shape"] ?? .null, untimed: shape["untimed"], stringValues: shape["stringValues"]?.boolValue ?? false)
      }
    }
    func reply(_ value: JSONValue?) -> ReplyTemplate? {
      guard let value, let success = value["success"] else { return nil }
      return ReplyTemplate(operation: value["operation"]?.stringValue, success: success, failure: value["failure"])
    }
    if let config = object["verbs"]?["config"] {
      profile.configVerb = ConfigVerb(
        request: config["request"]?.stringValue, payload: config["payload"], watchPayload: config["watchPayload"],
        answer: config["answer"]?.stringValue, push: config["push"]?.arrayValue?.compactMap(\.stringValue) ?? [],
        ack: reply(config["ack"]), id: config["id"]?.stringValue)
    }
    if let firmware = object["verbs"]?["firmware"] {
      profile.firmwareVerb = try decodeFirmware(firmware, reply: reply)
    }
    if let commands = object["verbs"]?["commands"] {
      profile.commandVerb = CommandVerb(
        operations: commands["operations"]?.arrayValue?.compactMap(\.stringValue) ?? [],
        request: commands["request"]?.stringValue, payload: commands["payload"], items: commands["items"]?.boolValue ?? false,
        id: commands["id"]?.stringValue, name: commands["name"]?.stringValue, reply: reply(commands["reply"]))
    }
    if !trusted { try check(profile) }
    return profile
  }

  private func decodeDefaults(_ object: JSONObject, into defaults: inout ConnectionDefaults) {
    if let host = object["host"]?.stringValue { defaults.host = host }
    if let port = object["port"]?.numberValue?.intValue { defaults.port = port }
    if let port = object["tlsPort"]?.numberValue?.intValue { defaults.tlsPort = port }
    if let tls = object["tls"]?.boolValue { defaults.tls = tls }
    if let version = object["mqttVersion"]?.stringValue { defaults.mqttVersion = version }
    if let qos = object["qos"]?.numberValue?.intValue { defaults.qos = qos }
    if let keepalive = object["keepalive"]?.numberValue?.intValue { defaults.keepalive = keepalive }
  }

  private func decodeAuth(_ object: JSONObject, into auth: inout AuthModel) {
    if let username = object["username"]?.stringValue { auth.username = username }
    if let password = object["password"]?.stringValue { auth.password = password }
    if let clientID = object["clientId"]?.stringValue { auth.clientID = clientID }
    if let properties = object["userProperties"]?.objectValue {
      auth.userProperties = properties.members.compactMap { key, value in value.stringValue.map { (key, $0) } }
    }
    if let note = object["note"]?.stringValue { auth.note = note }
  }

  private func decodeVariable(_ name: String, _ value: JSONValue) -> VariableRule {
    VariableRule(
      name: name, description: value["description"]?.stringValue ?? "",
      required: value["required"]?.boolValue ?? false, topicLevel: value["topicLevel"]?.boolValue ?? true,
      allowEmpty: value["allowEmpty"]?.boolValue ?? false,
      maxLength: value["maxLength"]?.numberValue?.intValue, pattern: value["pattern"]?.stringValue,
      secret: value["secret"]?.boolValue ?? false, environment: value["env"]?.stringValue,
      defaultValue: value["default"]?.stringValue)
  }

  private func schema(
    _ value: JSONValue?, schemas: (String) -> JSONValue?, at place: String
  ) throws(CoreError) -> JSONValue? {
    guard let value else { return nil }
    if let name = value.stringValue {
      guard let named = schemas(name) else { throw fail("\(place)/schema: no schema named \"\(name)\" in /schemas") }
      return named
    }
    return value
  }

  private func decodeMessage(
    _ value: JSONValue?, schemas: (String) -> JSONValue?, at place: String
  ) throws(CoreError) -> MessageSpec? {
    guard let value, let topic = value["topic"]?.stringValue else { return nil }
    return MessageSpec(
      topic: topic, payload: value["payload"]?.stringValue.flatMap(PayloadKind.init(rawValue:)) ?? .json,
      schema: try schema(value["schema"], schemas: schemas, at: place),
      successWhen: try conditions(value["successWhen"], at: place + "/successWhen"))
  }

  /// `{"maxPayloadBytes": N, "maxStringBytes": N}`; the profile schema keeps both positive.
  static func limits(_ value: JSONValue) -> PayloadLimits {
    PayloadLimits(
      maxPayloadBytes: value["maxPayloadBytes"]?.numberValue?.intValue,
      maxStringBytes: value["maxStringBytes"]?.numberValue?.intValue)
  }

  /// One operation; `schemas` finds the payload schema an operation names.
  func decodeOperation(
    _ name: String, _ object: JSONObject, schemas: (String) -> JSONValue?, limits: PayloadLimits
  ) throws(CoreError) -> Operation {
    let place = "/operations/\(name)"
    let value = JSONValue.object(object)
    let message = MessageSpec(
      topic: object["topic"]?.stringValue ?? "",
      payload: object["payload"]?.stringValue.flatMap(PayloadKind.init(rawValue:)) ?? .json,
      schema: try schema(object["schema"], schemas: schemas, at: place),
      limits: value["limits"].map { limits.merged(with: Self.limits($0)) } ?? limits)
    var operation = Operation(
      name: name, summary: object["summary"]?.stringValue ?? "",
      direction: object["direction"]?.stringValue.flatMap(Direction.init(rawValue:)) ?? .up,
      pattern: object["pattern"]?.stringValue.flatMap(ExchangePattern.init(rawValue:)) ?? .publish,
      message: message,
      response: try decodeMessage(value["response"], schemas: schemas, at: place + "/response"),
      error: try decodeMessage(value["error"], schemas: schemas, at: place + "/error"),
      reply: try decodeMessage(value["reply"], schemas: schemas, at: place + "/reply"),
      requestIDOptional: value["requestId"]?["optional"]?.boolValue ?? false,
      requestIDField: value["requestId"]?["field"]?.stringValue,
      maximumChunkSize: object["maxChunkSize"]?.numberValue?.intValue,
      qos: object["qos"]?.numberValue?.intValue, retain: object["retain"]?.boolValue ?? false,
      confidence: object["confidence"]?.stringValue.flatMap(Confidence.init(rawValue:)) ?? .unknown,
      emulation: object["emulate"]?.stringValue.flatMap(EmulatorBehaviour.init(rawValue:)), credentials: try decodeCredentials(value["credentials"], at: place),
      defaultPayload: object["defaultPayload"], note: object["note"]?.stringValue, source: object["source"]?.stringValue)
    operation.maximumInflight = object["maxInflight"]?.numberValue?.intValue
    return operation
  }

  private func decodeFirmware(_ value: JSONValue, reply: (JSONValue?) -> ReplyTemplate?) throws(CoreError) -> FirmwareVerb {
    let place = "/verbs/firmware"
    var fields: [FirmwareVerb.Field: [JSONPointer]] = [:]
    for (name, candidates) in value["fields"]?.objectValue?.members ?? [] {
      guard let field = FirmwareVerb.Field(rawValue: name) else { throw fail("\(place)/fields: unknown field \"\(name)\"") }
      var pointers: [JSONPointer] = []
      for candidate in candidates.arrayValue ?? [candidates] {
        pointers.append(try pointer(candidate.stringValue ?? "", at: "\(place)/fields/\(name)"))
      }
      fields[field] = pointers
    }
    var states: FirmwareStates?
    if let object = value["states"], let operation = object["operation"]?.stringValue {
      var payloads: [FirmwareStates.Stage: JSONValue] = [:]
      for stage in FirmwareStates.Stage.allCases { payloads[stage] = object[stage.rawValue] }
      states = FirmwareStates(operation: operation, payloads: payloads)
    }
    return FirmwareVerb(
      request: value["request"]?.stringValue, payload: value["payload"], watchPayload: value["watchPayload"],
      push: value["push"]?.arrayValue?.compactMap(\.stringValue) ?? [],
      conditions: try conditions(value["when"], at: "\(place)/when"), fields: fields, applied: reply(value["applied"]),
      chunks: value["chunks"]?.stringValue, states: states)
  }

  private func decodeCredentials(_ value: JSONValue?, at operation: String) throws(CoreError) -> [IssuedCredentials] {
    var cases: [IssuedCredentials] = []
    for (index, item) in (value?.arrayValue ?? []).enumerated() {
      let place = "\(operation)/credentials/\(index)"
      func optional(_ field: String) throws(CoreError) -> JSONPointer? {
        guard let text = item[field]?.stringValue else { return nil }
        return try pointer(text, at: "\(place)/\(field)")
      }
      var variables: [(name: String, pointer: JSONPointer)] = []
      for (name, text) in item["vars"]?.objectValue?.members ?? [] {
        variables.append((name, try pointer(text.stringValue ?? "", at: "\(place)/vars/\(name)")))
      }
      cases.append(
        IssuedCredentials(
          conditions: try conditions(item["when"], at: "\(place)/when"), variables: variables,
          clientID: try optional("clientId"), username: try optional("username"), password: try optional("password")))
    }
    return cases
  }

  /// A `"when"` object: JSON pointers and the text each member must have.
  private func conditions(_ value: JSONValue?, at place: String) throws(CoreError) -> MessageConditions {
    var required: [(pointer: JSONPointer, equals: String)] = []
    for (text, expected) in value?.objectValue?.members ?? [] {
      required.append((try pointer(text, at: place), expected.stringValue ?? ""))
    }
    return MessageConditions(required)
  }

  private func pointer(_ text: String, at place: String) throws(CoreError) -> JSONPointer {
    guard let pointer = JSONPointer(text) else { throw fail("\(place): \"\(text)\" is not a JSON pointer") }
    return pointer
  }

  /// A topic the operation could never use is a profile error, not something every verb refuses later: its
  /// literal text, with each variable standing for one plain level, must make a topic name (up) or a
  /// filter (down) that MQTT allows.
  private func checkTopicShape(_ operation: Operation, at place: String) throws(CoreError) {
    guard let template = try? TopicTemplate(operation.message.topic) else { return }
    let sample: String
    switch template.render({ _ in "v" }) {
    case .success(let rendered): sample = rendered
    case .failure: return
    }
    do throws(InvalidTopic) {
      if operation.direction == .up { try Topic.checkPublish(sample) } else { try Topic.checkFilter(sample) }
    } catch {
      throw fail("\(place): \"\(String(operation.message.topic.prefix(80)))\" \(error.reason)")
    }
  }

  /// The rules across fields: every template names known variables, every schema compiles.
  private func check(_ profile: DialectProfile) throws(CoreError) {
    let declared = Set(profile.variables.map(\.name))
    func checkTemplate(_ text: String?, at place: String, extra: Set<String> = []) throws(CoreError) {
      guard let text else { return }
      let template: TopicTemplate
      do {
        template = try TopicTemplate(text)
      } catch {
        throw fail("\(place): \(error.message)")
      }
      for name in template.variableNames where !declared.contains(name) && !extra.contains(name) {
        throw fail("\(place): \"\(text)\" uses {\(name)}, which is not declared in /variables")
      }
    }
    try checkTemplate(profile.auth.username, at: "/auth/username")
    try checkTemplate(profile.auth.password, at: "/auth/password")
    try checkTemplate(profile.auth.clientID, at: "/auth/clientId")
    for (name, value) in profile.auth.userProperties { try checkTemplate(value, at: "/auth/userProperties/\(name)") }
    for variable in profile.variables {
      if let pattern = variable.pattern, (try? ECMAPattern(pattern, whole: true)) == nil {
        throw fail("/variables/\(variable.name)/pattern: \"\(pattern)\" is not a valid regular expression")
      }
    }
    for (index, shape) in profile.telemetryShapes.enumerated() {
      guard let operation = profile.operation(shape.operation), operation.direction == .up else {
        throw fail("/verbs/telemetry/\(index)/operation: \"\(shape.operation)\" is not an operation devices send")
      }
    }
    func operation(_ name: String?, _ direction: Direction, at place: String) throws(CoreError) {
      guard let name else { return }
      guard let found = profile.operation(name), found.direction == direction else {
        throw fail("\(place): \"\(name)\" is not an operation \(direction == .up ? "devices send" : "the platform sends")")
      }
    }
    if let config = profile.configVerb {
      try operation(config.request, .up, at: "/verbs/config/request")
      try operation(config.answer, .down, at: "/verbs/config/answer")
      for name in config.push { try operation(name, .down, at: "/verbs/config/push") }
      try operation(config.ack?.operation, .up, at: "/verbs/config/ack/operation")
    }
    if let firmware = profile.firmwareVerb {
      try operation(firmware.request, .up, at: "/verbs/firmware/request")
      for name in firmware.push { try operation(name, .down, at: "/verbs/firmware/push") }
      try operation(firmware.applied?.operation, .up, at: "/verbs/firmware/applied/operation")
      try operation(firmware.states?.operation, .up, at: "/verbs/firmware/states/operation")
      if let chunks = firmware.chunks {
        guard profile.operation(chunks)?.pattern == .chunked else {
          throw fail("/verbs/firmware/chunks: \"\(chunks)\" is not a chunked operation")
        }
      }
    }
    if let commands = profile.commandVerb {
      for name in commands.operations { try operation(name, .down, at: "/verbs/commands/operations") }
      try operation(commands.request, .up, at: "/verbs/commands/request")
      try operation(commands.reply?.operation, .up, at: "/verbs/commands/reply/operation")
    }
    for operation in profile.operations {
      let place = "/operations/\(operation.name)"
      let builtins = TopicTemplate.builtinVariables
      try checkTemplate(operation.message.topic, at: place + "/topic", extra: builtins)
      try checkTopicShape(operation, at: place + "/topic")
      let answerVariables = builtins.union(["request"])
      for (part, spec) in [("response", operation.response), ("error", operation.error), ("reply", operation.reply)] {
        try checkTemplate(spec?.topic, at: "\(place)/\(part)/topic", extra: answerVariables)
      }
      let schemas = [operation.message.schema, operation.response?.schema, operation.error?.schema, operation.reply?.schema]
      for case let schema? in schemas {
        do {
          _ = try JSONSchema(schema)
        } catch {
          throw fail("\(place): a payload schema does not compile: \(error)")
        }
      }
    }
  }
}
