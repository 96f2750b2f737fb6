import IotctlSchema

/// Checks payload bytes against what an operation's message expects: JSON that parses and satisfies the
/// schema, text (a number or string), or nothing.
public struct PayloadCheck: Sendable {
  /// What a payload turned out to be.
  public enum Verdict: Sendable {
    case valid(JSONValue?)
    /// Not JSON, not UTF-8, or not empty when it must be.
    case malformed(String)
    case invalid([ValidationError])
    /// Over one of the platform's size limits, named in the text.
    case overLimit(String)

    public var isValid: Bool { if case .valid = self { true } else { false } }
  }

  public let kind: PayloadKind
  public let limits: PayloadLimits
  private let schema: JSONSchema?

  /// The member of a profile's schema that makes its `format` keywords assertions (Medium One's
  /// `observed_at`, Xyte's `timestamp`: a date that does not exist is refused before it is sent).
  public static let assertFormatKeyword = "x-assert-format"

  /// - Parameter assertFormat: make `format` an assertion whatever the schema says.
  /// - Throws: ``CoreError`` when the schema does not compile (a built-in one always does).
  public init(_ spec: MessageSpec, assertFormat: Bool = false) throws(CoreError) {
    kind = spec.payload
    limits = spec.limits
    do {
      schema = try spec.schema.map { schema throws(SchemaError) in
        try JSONSchema(schema, assertFormat: assertFormat || schema[Self.assertFormatKeyword] == .bool(true))
      }
    } catch {
      throw CoreError(.invalidProfile, "the payload schema does not compile: \(error)")
    }
  }

  /// Checks JSON payloads against `schema`, with no platform limits.
  public init(schema: JSONSchema) {
    kind = .json
    limits = PayloadLimits()
    self.schema = schema
  }

  /// Why a payload is not of its kind.
  public struct Malformed: Error, Sendable {
    public var problem: String
  }

  /// The payload as the schema sees it: parsed JSON, or text as a JSON number or string; `nil` for binary.
  public static func instance(of bytes: [UInt8], kind: PayloadKind) -> Result<JSONValue?, Malformed> {
    switch kind {
    case .binary:
      return .success(nil)
    case .jsonOrEmpty where bytes.isEmpty:
      return .success(nil)
    case .empty:
      return bytes.isEmpty ? .success(.string("")) : .failure(Malformed(problem: "must be empty, got \(bytes.count) bytes"))
    case .text:
      guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(Malformed(problem: "is not valid UTF-8 text")) }
      if let number = try? JSONParser.parse(bytes), case .number = number { return .success(number) }
      return .success(.string(text))
    case .json, .jsonOrEmpty:
      do {
        return .success(try JSONParser.parse(bytes))
      } catch {
        return .failure(Malformed(problem: "is not valid JSON: \(error)"))
      }
    }
  }

  public func check(_ bytes: [UInt8]) -> Verdict {
    if let problem = sizeProblem(bytes.count) { return .overLimit(problem) }
    switch Self.instance(of: bytes, kind: kind) {
    case .failure(let malformed):
      return .malformed(malformed.problem)
    case .success(let value):
      guard let value else { return .valid(nil) }
      return check(value)
    }
  }

  /// A validator of payload texts for ``passes(_:using:)``; one per thread.
  public func textValidator() -> JSONTextValidator { JSONTextValidator(schema ?? .accepting) }

  /// Whether `bytes` is certainly a valid payload, decided without building its value (several times
  /// faster than ``check(_:)`` on JSON); false means only that ``check(_:)`` must say what it is.
  public func passes(_ bytes: UnsafeRawBufferPointer, using validator: inout JSONTextValidator) -> Bool {
    guard kind == .json || (kind == .jsonOrEmpty && !bytes.isEmpty), sizeProblem(bytes.count) == nil else { return false }
    return validator.isValid(bytes, longestString: limits.maxStringBytes) == true
  }

  /// Checks a payload already in hand as JSON.
  public func check(_ value: JSONValue) -> Verdict {
    if let limit = limits.maxStringBytes, let long = Self.firstString(in: value, longerThan: limit) {
      return .overLimit("a string of \(long) bytes is over the platform's limit of \(limit) bytes per string")
    }
    guard let schema, !schema.isValid(value) else { return .valid(value) }
    return .invalid(schema.validate(value))
  }

  /// Why a payload of `count` bytes is too large for the platform, or nil.
  public func sizeProblem(_ count: Int) -> String? {
    guard let limit = limits.maxPayloadBytes, count > limit else { return nil }
    return "\(count) bytes is over the platform's limit of \(limit) bytes per payload"
  }

  private static func firstString(in value: JSONValue, longerThan limit: Int) -> Int? {
    switch value {
    case .string(let text): return text.utf8.count > limit ? text.utf8.count : nil
    case .array(let items): return items.lazy.compactMap { firstString(in: $0, longerThan: limit) }.first
    case .object(let object): return object.members.lazy.compactMap { firstString(in: $0.value, longerThan: limit) }.first
    default: return nil
    }
  }
}
