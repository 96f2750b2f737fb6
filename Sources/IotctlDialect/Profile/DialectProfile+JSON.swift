import IotctlSchema

extension DialectProfile {
  /// The profile as a JSON document for `dialects show --output json`: every fact, schemas included.
  public var summaryJSON: JSONValue {
    var object = JSONObject()
    object["name"] = .string(name)
    object["title"] = .string(title)
    object["origin"] = .string(origin)
    object["sources"] = .array(sources.map(JSONValue.string))
    object["notes"] = .array(notes.map(JSONValue.string))
    var defaultsObject = JSONObject()
    if let host = defaults.host { defaultsObject["host"] = .string(host) }
    if let port = defaults.port { defaultsObject["port"] = .number(JSONNumber(port)) }
    if let port = defaults.tlsPort { defaultsObject["tlsPort"] = .number(JSONNumber(port)) }
    defaultsObject["tls"] = .bool(defaults.tls)
    defaultsObject["mqttVersion"] = .string(defaults.mqttVersion)
    defaultsObject["qos"] = .number(JSONNumber(defaults.qos))
    object["defaults"] = .object(defaultsObject)
    var authObject = JSONObject()
    if let username = auth.username { authObject["username"] = .string(username) }
    if let password = auth.password { authObject["password"] = .string(password) }
    if let clientID = auth.clientID { authObject["clientId"] = .string(clientID) }
    if !auth.userProperties.isEmpty {
      var properties = JSONObject()
      for (key, value) in auth.userProperties { properties[key] = .string(value) }
      authObject["userProperties"] = .object(properties)
    }
    if let note = auth.note { authObject["note"] = .string(note) }
    object["auth"] = .object(authObject)
    object["variables"] = .array(
      variables.map { variable in
        var entry = JSONObject()
        entry["name"] = .string(variable.name)
        entry["description"] = .string(variable.description)
        entry["required"] = .bool(variable.required)
        entry["topicLevel"] = .bool(variable.topicLevel)
        entry["secret"] = .bool(variable.secret)
        if let limit = variable.maxLength { entry["maxLength"] = .number(JSONNumber(limit)) }
        if let pattern = variable.pattern { entry["pattern"] = .string(pattern) }
        if let environment = variable.environment { entry["env"] = .string(environment) }
        return .object(entry)
      })
    object["operations"] = .array(operations.map(\.summaryJSON))
    return .object(object)
  }
}

extension Operation {
  var summaryJSON: JSONValue {
    var entry = JSONObject()
    entry["name"] = .string(name)
    entry["summary"] = .string(summary)
    entry["direction"] = .string(direction.rawValue)
    entry["pattern"] = .string(pattern.rawValue)
    entry["confidence"] = .string(confidence.rawValue)
    entry["topic"] = .string(message.topic)
    entry["payload"] = .string(message.payload.rawValue)
    if let schema = message.schema { entry["schema"] = schema }
    for (key, spec) in [("response", response), ("error", error), ("reply", reply)] {
      guard let spec else { continue }
      var part = JSONObject()
      part["topic"] = .string(spec.topic)
      part["payload"] = .string(spec.payload.rawValue)
      if let schema = spec.schema { part["schema"] = schema }
      entry[key] = .object(part)
    }
    if let qos { entry["qos"] = .number(JSONNumber(qos)) }
    if retain { entry["retain"] = .bool(true) }
    if let maximumChunkSize { entry["maxChunkSize"] = .number(JSONNumber(maximumChunkSize)) }
    if let maximumInflight { entry["maxInflight"] = .number(JSONNumber(maximumInflight)) }
    if let note { entry["note"] = .string(note) }
    if let source { entry["source"] = .string(source) }
    return .object(entry)
  }
}
