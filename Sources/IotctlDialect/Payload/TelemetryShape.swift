import IotctlBase
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

  /// The payload for `values` at `time`.
  ///
  /// - An object is wrapped in the template.
  /// - An array is a batch: each element is shaped on its own, and when the template is itself an array
  ///   (Kaa's samples) the results are joined into one array, never nested.
  /// - An object already in the platform's shape (it has the template's `{values}` member holding an
  ///   object, and no member the template lacks) is sent as it is, with only the timestamp members it
  ///   lacks filled in.
  public func payload(values: JSONValue, time: WallTime?, status: String) -> JSONValue {
    let template = time == nil ? (untimed ?? shape) : shape
    guard case .array(let batch) = values else { return element(values, template: template, time: time, status: status) }
    let shaped = batch.map { element($0, template: template, time: time, status: status) }
    guard case .array = template else { return .array(shaped) }
    return .array(shaped.flatMap { $0.arrayValue ?? [$0] })
  }

  private func element(_ values: JSONValue, template: JSONValue, time: WallTime?, status: String) -> JSONValue {
    if let shaped = alreadyShaped(values, template: template) {
      return completed(shaped, template: template, time: time, status: status)
    }
    let values = stringValues ? Self.stringified(values) : values
    return fill(template, values: values, time: time, status: status) ?? .null
  }

  /// `values` when it is already in the template's shape: an object whose members are all members of the
  /// template, one of them the `{values}` member with an object in it.
  private func alreadyShaped(_ values: JSONValue, template: JSONValue) -> JSONObject? {
    guard case .object(let object) = values, case .object(let wrapper) = template else { return nil }
    guard let key = wrapper.members.first(where: { $0.key != "..." && $0.value == "{values}" })?.key,
      object[key]?.objectValue != nil, object.members.allSatisfy({ wrapper[$0.key] != nil })
    else { return nil }
    return object
  }

  /// A shaped payload with the template's timestamp and status members it lacks filled in.
  private func completed(_ object: JSONObject, template: JSONValue, time: WallTime?, status: String) -> JSONValue {
    var result = object
    for (key, member) in template.objectValue?.members ?? [] where result[key] == nil && member != "{values}" {
      if let filled = fill(member, values: .null, time: time, status: status), filled != member { result[key] = filled }
    }
    return .object(result)
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
