import IotctlBase

/// Compiles a dialect's operations into concrete topics for one device.
public struct TopicCompiler: Sendable {
  public private(set) var bindings: VariableBindings
  public var profile: DialectProfile { bindings.profile }
  private var requestIDs: RequestIDAllocator

  public init(bindings: VariableBindings) {
    self.bindings = bindings
    requestIDs = RequestIDAllocator(range: bindings.profile.requestIDRange)
  }

  /// The operation named `name`, or an error that lists the ones there are.
  public func operation(_ name: String) throws(CoreError) -> Operation {
    guard let operation = profile.operation(name) else {
      let names = profile.operations.map(\.name).joined(separator: ", ")
      throw CoreError(.unknownOperation, "dialect \(profile.name) has no operation '\(name)'; it has: \(names)")
    }
    return operation
  }

  /// Compiles `name`. A pattern with a request id gets a fresh one unless `requestID` is given; an optional
  /// request id is left out when `withRequestID` is false.
  public mutating func compile(
    _ name: String, requestID: Int? = nil, withRequestID: Bool = true, extra: [String: String] = [:]
  ) throws(CoreError) -> CompiledOperation {
    let operation = try operation(name)
    var values = bindings
    for (key, value) in extra { values.set(key, value) }
    var id: Int? = nil
    let usesID = operation.message.topic.containsBytes("{requestId") || operation.requestIDField != nil
    if usesID && operation.direction == .up && (withRequestID || !operation.requestIDOptional) {
      if let requestID, !profile.requestIDRange.contains(requestID) {
        let range = profile.requestIDRange
        throw CoreError(
          .invalidVariable,
          "request id \(requestID) is outside dialect \(profile.name)'s range \(range.lowerBound)-\(range.upperBound); give one inside it")
      }
      id = requestID ?? requestIDs.allocate()
      values.set("requestId", String(id!))
    }
    let place = "operation \(operation.name) of dialect \(profile.name)"
    let topic: String
    if operation.direction == .up {
      topic = try render(operation.message.topic, values, place)
      try checked(topic, filter: false, place)
    } else {
      topic = try TopicTemplate(parsing: operation.message.topic).filter { values[$0] }
      try checked(topic, filter: true, place)
    }
    var answerValues = values
    answerValues.set("request", topic)
    func answer(_ spec: MessageSpec?) throws(CoreError) -> String? {
      guard let spec else { return nil }
      let filter = try TopicTemplate(parsing: spec.topic).filter { answerValues[$0] }
      try checked(filter, filter: true, place)
      return filter
    }
    return CompiledOperation(
      operation: operation, topic: topic, requestID: id,
      responseTopic: operation.direction == .up ? try answer(operation.response) : nil,
      errorTopic: try answer(operation.error),
      replyTemplate: try operation.reply.map { reply throws(CoreError) in
        try TopicTemplate(parsing: reply.topic).partiallyRendered { values[$0] }
      },
      qos: operation.qos ?? profile.defaults.qos, retain: operation.retain,
      // A user property whose variables are unbound is left out here; connection() insists on required ones.
      userProperties: profile.auth.userProperties.compactMap { property in
        guard case .success(let value) = try? TopicTemplate(parsing: property.value).render({ values[$0] }) else { return nil }
        return (property.name, value)
      })
  }

  /// The connection settings with the credentials rendered; every `required` variable must be bound.
  public func connection() throws(CoreError) -> DialectConnection {
    for rule in profile.variables where rule.required && bindings[rule.name] == nil {
      throw missing(rule.name, "connecting with dialect \(profile.name)")
    }
    let auth = profile.auth
    // A credential whose variables are not bound is left to the -u, -P and -i flags.
    func credential(_ template: String?) throws(CoreError) -> String? {
      guard let template, case .success(let value) = try TopicTemplate(parsing: template).render({ bindings[$0] }) else {
        return nil
      }
      return value
    }
    let defaults = profile.defaults
    return DialectConnection(
      host: defaults.host, port: defaults.tls ? (defaults.tlsPort ?? defaults.port) : defaults.port, tls: defaults.tls,
      mqttVersion: defaults.mqttVersion, username: try credential(auth.username),
      password: try credential(auth.password), clientID: try credential(auth.clientID), secrets: bindings.secretValues)
  }

  private func missing(_ name: String, _ place: String) -> CoreError {
    let rule = profile.variable(name)
    let hint = rule?.environment.map { " or set $\($0)" } ?? ""
    let about = rule.map { " (\($0.description))" } ?? ""
    return CoreError(.missingVariable, "\(place) needs the variable '\(name)'\(about): pass --var \(name)=VALUE\(hint)")
  }

  private func render(_ text: String, _ values: VariableBindings, _ place: String) throws(CoreError) -> String {
    switch try TopicTemplate(parsing: text).render({ values[$0] }) {
    case .success(let rendered): return rendered
    case .failure(let missing): throw self.missing(missing.name, place)
    }
  }

  private func checked(_ topic: String, filter: Bool, _ place: String) throws(CoreError) {
    do {
      if filter { try Topic.checkFilter(topic) } else { try Topic.checkPublish(topic) }
    } catch {
      throw CoreError(.invalidVariable, "\(place): \(error.description)")
    }
  }
}

extension TopicTemplate {
  /// A template from a loaded profile, whose templates were checked when it was decoded.
  package init(parsing text: String) throws(CoreError) {
    do {
      try self.init(text)
    } catch {
      throw CoreError(.invalidProfile, error.message)
    }
  }
}
