import IotctlSchema

extension ReplyTemplate {
  /// The success or failure payload with its placeholders filled: a string that is exactly `{name}` becomes
  /// `values[name]`, and so does an object key (as text). Unknown placeholders stay as written.
  public func payload(success: Bool, values: [String: JSONValue]) -> JSONValue {
    Self.fill(success ? self.success : (failure ?? self.success), values)
  }

  public static func fill(_ template: JSONValue, _ values: [String: JSONValue]) -> JSONValue {
    switch template {
    case .string(let text) where text.hasPrefix("{") && text.hasSuffix("}"):
      return values[String(text.dropFirst().dropLast())] ?? template
    case .array(let items):
      return .array(items.map { fill($0, values) })
    case .object(let object):
      var result = JSONObject()
      for (key, member) in object.members {
        var name = key
        if key.hasPrefix("{"), key.hasSuffix("}"), let value = values[String(key.dropFirst().dropLast())] {
          name = value.stringValue ?? value.jsonText
        }
        result[name] = fill(member, values)
      }
      return .object(result)
    default:
      return template
    }
  }
}

extension CommandVerb {
  /// The value a field reference names: `topic:VARIABLE` from the topic, `payload:/pointer` from the command.
  public static func resolve(_ reference: String?, variables: [String: String], command: JSONValue?) -> JSONValue? {
    guard let reference else { return nil }
    if reference.hasPrefix("topic:") {
      return variables[String(reference.dropFirst("topic:".count))].map(JSONValue.string)
    }
    if reference.hasPrefix("payload:"), let command, let pointer = JSONPointer(String(reference.dropFirst("payload:".count))) {
      return pointer.resolve(in: command)
    }
    return nil
  }
}
