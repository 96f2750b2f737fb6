/// Why a schema could not be compiled.
public struct SchemaError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// A keyword's value has the wrong type or range.
    case invalidKeyword
    /// A `pattern` or `patternProperties` regular expression does not compile.
    case invalidPattern
    /// A `$ref` names a document or location that is not there.
    case unresolvableReference
    /// `$ref`s lead back to themselves without validating anything in between.
    case referenceCycle
    /// `$schema` names a draft other than 4, 6 or 7.
    case unsupportedDraft
  }

  public var kind: Kind
  /// Where in the schema: a URI with a JSON Pointer fragment, such as `#/properties/id/pattern`.
  public var location: String
  public var message: String

  public var description: String { "\(location): \(message)" }
}

/// One way in which an instance fails its schema.
public struct ValidationError: Sendable, Hashable, CustomStringConvertible {
  /// Where in the instance, as a JSON Pointer (`""` is the whole instance).
  public var instancePointer: JSONPointer
  /// The failing keyword's location in the schema, such as `#/properties/temp/maximum`.
  public var schemaLocation: String
  public var message: String

  public init(instancePointer: JSONPointer, schemaLocation: String, message: String) {
    self.instancePointer = instancePointer
    self.schemaLocation = schemaLocation
    self.message = message
  }

  public var description: String {
    let place = instancePointer.tokens.isEmpty ? "(root)" : instancePointer.description
    return "\(place): \(message) [\(schemaLocation)]"
  }
}
