/// A compiled schema: what the evaluator runs. Subschemas are indices into the schema's node table.
struct SchemaNode: Sendable {
  enum Body: Sendable {
    /// `true`, `false` or `{}`.
    case constant(Bool)
    /// A `$ref`, which in drafts 4 to 7 replaces every sibling keyword.
    case reference(Int)
    case rules([Rule])
  }

  var body: Body
  /// The schema's location, for error reports.
  var location: String
}

/// One keyword of a compiled schema. A class, so that the evaluator's walk over a node's rules retains one
/// reference per rule instead of copying each keyword and check with its payload.
final class Rule: Sendable {
  let keyword: String
  let check: Check

  init(keyword: String, check: Check) {
    self.keyword = keyword
    self.check = check
  }
}

/// The JSON Schema primitive types.
enum JSONType: String, Sendable, CaseIterable {
  case null, boolean, integer, number, string, array, object
}

/// A schema's regular expression, with its source for messages.
///
/// A class, so that ``Check`` holds a pointer: `ECMAPattern` may hold a `Regex`, whose layout the
/// standard library keeps resilient, and a payload of unknown size made every switch over a check, on
/// every instance, ask the runtime for the case and copy the payload through value witnesses (a fifth of
/// validation; callgrind, issue 17).
final class Pattern: Sendable {
  let source: String
  private let pattern: ECMAPattern

  init(source: String) throws {
    self.source = source
    pattern = try ECMAPattern(source)
  }

  func matches(_ text: String) -> Bool { pattern.matches(text) }
}

enum Check: Sendable {
  case type([JSONType])
  case enumeration([JSONValue])
  case constant(JSONValue)
  case multipleOf(JSONNumber)
  case maximum(JSONNumber, exclusive: Bool)
  case minimum(JSONNumber, exclusive: Bool)
  case maxLength(Int)
  case minLength(Int)
  case pattern(Pattern)
  case format(StringFormat)
  case items(Int)
  case tupleItems([Int], additional: Int?)
  case maxItems(Int)
  case minItems(Int)
  case uniqueItems
  case contains(Int)
  case maxProperties(Int)
  case minProperties(Int)
  case required([String])
  case properties([(name: String, schema: Int)])
  case patternProperties([(pattern: Pattern, schema: Int)])
  case additionalProperties(Int, known: Set<String>, patterns: [Pattern])
  case propertyDependency(property: String, requires: [String])
  case schemaDependency(property: String, schema: Int)
  case propertyNames(Int)
  case conditional(if: Int, then: Int?, else: Int?)
  case allOf([Int])
  case anyOf([Int])
  case oneOf([Int])
  case not(Int)
}
