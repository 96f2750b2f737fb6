#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON value that keeps numbers exactly as written and object keys in document order.
///
/// Strings compare by code points, as JSON does: `"\u00e9"` and `"e\u0301"` differ, although Swift's `String`
/// would call them equal.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  /// The JSON type name as JSON Schema spells it (`integer` is reported as `number`).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }

  public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  public var numberValue: JSONNumber? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The member `key` of an object, or `nil`.
  public subscript(key: String) -> JSONValue? { objectValue?[key] }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): ExactString.sameBytes(a, b)
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a == b
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value): hasher.combine(value)
    case .number(let value): hasher.combine(value)
    case .string(let value): ExactString(value).hash(into: &hasher)
    case .array(let value): hasher.combine(value)
    case .object(let value): hasher.combine(value)
    }
  }
}

/// A string that is equal only to the same code points (no Unicode canonical equivalence).
struct ExactString: Hashable {
  let value: String
  init(_ value: String) { self.value = value }

  static func == (lhs: ExactString, rhs: ExactString) -> Bool { sameBytes(lhs.value, rhs.value) }

  /// The UTF-8 bytes in one call (`withUTF8` makes a bridged string contiguous first), then a byte that UTF-8
  /// never contains, so that the strings of an array cannot run into each other.
  func hash(into hasher: inout Hasher) {
    var value = value
    value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    hasher.combine(0xFF as UInt8)
  }

  /// Whether `a` and `b` have the same UTF-8 bytes; `==` on `String` would also equate canonically
  /// equivalent ones.
  static func sameBytes(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    var (a, b) = (a, b)
    // memcmp: the generic elementsEqual walked byte by byte, and keys are compared on every lookup.
    return a.withUTF8 { left in b.withUTF8 { right in left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0 } }
  }
}

/// A JSON object: members in document order, with keyed lookup. Equality ignores order.
public struct JSONObject: Sendable, Hashable {
  /// Members in document order.
  public private(set) var members: [(key: String, value: JSONValue)] = []
  /// Each key's position in `members`, kept once an object has more than ``linearLimit`` members. Smaller
  /// ones, nearly every payload, find a key by comparing bytes, which is cheaper than hashing it.
  private var positions: [ExactString: Int]?
  private static let linearLimit = 8

  public init() {}

  /// An empty object with room for `capacity` members before its storage grows.
  public init(minimumCapacity capacity: Int) {
    members.reserveCapacity(capacity)
  }

  public init(_ members: KeyValuePairs<String, JSONValue>) {
    for (key, value) in members { self[key] = value }
  }

  public var keys: [String] { members.map(\.key) }
  public var count: Int { members.count }
  public var isEmpty: Bool { members.isEmpty }

  private func position(of key: String) -> Int? {
    if let positions { return positions[ExactString(key)] }
    return members.firstIndex { ExactString.sameBytes($0.key, key) }
  }

  /// Setting a key that exists replaces its value in place; setting `nil` removes the member.
  public subscript(key: String) -> JSONValue? {
    get { position(of: key).map { members[$0].value } }
    set {
      if let newValue {
        if let position = position(of: key) {
          members[position].value = newValue
        } else {
          appendNew(key, newValue)
        }
      } else if let position = position(of: key) {
        members.remove(at: position)
        guard positions != nil else { return }
        positions![ExactString(key)] = nil
        index(from: position)
      }
    }
  }

  /// Adds a member unless the object has `key` already; returns whether it did. One lookup where a
  /// check and then a set would take two (the parser refuses duplicate keys this way).
  public mutating func insertNew(_ key: String, _ value: JSONValue) -> Bool {
    guard position(of: key) == nil else { return false }
    appendNew(key, value)
    return true
  }

  private mutating func appendNew(_ key: String, _ value: JSONValue) {
    members.append((key, value))
    if positions != nil {
      positions![ExactString(key)] = members.count - 1
    } else if members.count > Self.linearLimit {
      positions = [:]
      index(from: 0)
    }
  }

  /// Records the positions of the members from `start` on, in an object that keeps an index.
  private mutating func index(from start: Int) {
    for position in start..<members.count { positions![ExactString(members[position].key)] = position }
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.count == rhs.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
  }

  /// Independent of member order, as equality is.
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for (key, value) in members {
      var member = Hasher()
      ExactString(key).hash(into: &member)
      value.hash(into: &member)
      combined &+= member.finalize()
    }
    hasher.combine(count)
    hasher.combine(combined)
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
