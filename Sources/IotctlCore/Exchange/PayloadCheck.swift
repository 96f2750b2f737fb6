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

    public var isValid: Bool { if case .valid = self { true } else { false } }
  }

  public let kind: PayloadKind
  private let schema: JSONSchema?

  /// - Throws: ``CoreError`` when the schema does not compile (a built-in one always does).
  public init(_ spec: MessageSpec) throws(CoreError) {
    kind = spec.payload
    do {
      schema = try spec.schema.map { schema throws(SchemaError) in try JSONSchema(schema) }
    } catch {
      throw CoreError(.invalidProfile, "the payload schema does not compile: \(error)")
    }
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
    case .empty:
      return bytes.isEmpty ? .success(.string("")) : .failure(Malformed(problem: "must be empty, got \(bytes.count) bytes"))
    case .text:
      guard let text = String(validating: bytes, as: UTF8.self) else { return .failure(Malformed(problem: "is not valid UTF-8 text")) }
      if let number = try? JSONParser.parse(bytes), case .number = number { return .success(number) }
      return .success(.string(text))
    case .json:
      do {
        return .success(try JSONParser.parse(bytes))
      } catch {
        return .failure(Malformed(problem: "is not valid JSON: \(error)"))
      }
    }
  }

  public func check(_ bytes: [UInt8]) -> Verdict {
    switch Self.instance(of: bytes, kind: kind) {
    case .failure(let malformed):
      return .malformed(malformed.problem)
    case .success(let value):
      guard let value else { return .valid(nil) }
      return check(value)
    }
  }

  /// Checks a payload already in hand as JSON.
  public func check(_ value: JSONValue) -> Verdict {
    guard let schema, !schema.isValid(value) else { return .valid(value) }
    return .invalid(schema.validate(value))
  }
}
