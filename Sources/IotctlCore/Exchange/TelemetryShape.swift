import IotctlMQTT
import IotctlSchema

/// How a dialect wants telemetry values wrapped: a JSON template over the values and a timestamp.
///
/// In the template, a string that is exactly `{values}`, `{ts_ms}`, `{ts_iso}` (milliseconds),
/// `{ts_iso_us}` (microseconds) or `{status}` is replaced; a member `"...": "{values}"` spreads the values
/// into the object around it. Without a timestamp, `untimed` is used, or else the template with its
/// timestamp members left out.
public struct TelemetryShape: Sendable {
  public var name: String
  public var operation: String
  public var shape: JSONValue
  public var untimed: JSONValue?
  /// Numbers and booleans are sent as strings (EdgeIQ's heartbeat).
  public var stringValues: Bool

  public init(name: String, operation: String, shape: JSONValue, untimed: JSONValue?, stringValues: Bool) {
    self.name = name
    self.operation = operation
    self.shape = shape
    self.untimed = untimed
    self.stringValues = stringValues
  }

  private static let timePlaceholders: Set<String> = ["{ts_ms}", "{ts_iso}", "{ts_iso_us}"]

  /// The payload for `values` (a JSON object) at `time`.
  public func payload(values: JSONValue, time: WallTime?, status: String) -> JSONValue {
    let values = stringValues ? Self.stringified(values) : values
    let template = time == nil ? (untimed ?? shape) : shape
    return fill(template, values: values, time: time, status: status) ?? .null
  }

  private func fill(_ template: JSONValue, values: JSONValue, time: WallTime?, status: String) -> JSONValue? {
    switch template {
    case .string(let text):
      switch text {
      case "{values}": return values
      case "{status}": return .string(status)
      case "{ts_ms}": return time.map { .number(JSONNumber(Timestamp.milliseconds($0))) }
      case "{ts_iso}": return time.map { .string(Timestamp.iso8601($0, fractionDigits: 3)) }
      case "{ts_iso_us}": return time.map { .string(Timestamp.iso8601($0, fractionDigits: 6)) }
      default: return template
      }
    case .array(let items):
      return .array(items.compactMap { fill($0, values: values, time: time, status: status) })
    case .object(let object):
      var result = JSONObject()
      for (key, member) in object.members {
        if key == "...", member == "{values}" {
          for (name, value) in values.objectValue?.members ?? [] { result[name] = value }
        } else if let filled = fill(member, values: values, time: time, status: status) {
          result[key] = filled
        }
      }
      return .object(result)
    default:
      return template
    }
  }

  private static func stringified(_ values: JSONValue) -> JSONValue {
    guard let object = values.objectValue else { return values }
    var result = JSONObject()
    for (key, value) in object.members {
      switch value {
      case .number(let number): result[key] = .string(number.literal)
      case .bool(let flag): result[key] = .string(flag ? "true" : "false")
      default: result[key] = value
      }
    }
    return .object(result)
  }

  /// Values from `key=value` words: numbers, booleans, null and JSON objects or arrays as such, the rest as
  /// strings. Returns the offending word when it has no `=`.
  public static func values(fromPairs pairs: [String]) -> Result<JSONValue, InvalidPair> {
    var object = JSONObject()
    for pair in pairs {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else { return .failure(InvalidPair(word: pair)) }
      let key = String(pair[..<equals])
      let text = String(pair[pair.index(after: equals)...])
      if let parsed = try? JSONParser.parse(text), parsed.stringValue == nil {
        object[key] = parsed
      } else {
        object[key] = .string(text)
      }
    }
    return .success(.object(object))
  }

  /// A `key=value` word without its `=`.
  public struct InvalidPair: Error, Sendable {
    public var word: String
  }
}
