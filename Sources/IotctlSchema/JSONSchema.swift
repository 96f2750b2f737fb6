import Synchronization

/// A compiled JSON Schema (draft 4, 6 or 7) that validates instances.
///
/// ```swift
/// let schema = try JSONSchema(JSONParser.parse(#"{"type": "object", "required": ["id"]}"#))
/// schema.validate(["name": "x"])  // one error: the required property "id" is missing
/// ```
public struct JSONSchema: Sendable {
  /// The draft the root schema is read as.
  public let draft: SchemaDraft
  private let nodes: [SchemaNode]
  /// Built on the first validation of a text: a verb that validates one value needs none.
  private let program = LazyTapeProgram()

  /// Compiles `schema`.
  ///
  /// - Parameters:
  ///   - draft: the draft to read the schema as; by default its `$schema`, else draft 7.
  ///   - baseURI: the schema's own URI, against which relative `$ref`s resolve.
  ///   - resources: other documents that `$ref`s may reach.
  ///   - assertFormat: make `format` an assertion for the ``StringFormat`` values (the drafts leave it an
  ///     annotation by default); other formats stay annotations.
  public init(
    _ schema: JSONValue, draft: SchemaDraft? = nil, baseURI: String = "urn:iotctl:schema",
    resources: SchemaResources = SchemaResources(), assertFormat: Bool = false
  ) throws(SchemaError) {
    var index = SchemaIndex(resources: resources)
    let root = try index.addDocument(schema, uri: URIReference(baseURI), draft: draft, defaultDraft: .draft7)
    var compiler = SchemaCompiler(index: index, assertsFormat: assertFormat)
    _ = try compiler.compile(SchemaLocation(document: root, pointer: .root))
    try compiler.checkReferenceCycles()
    self.init(nodes: compiler.nodes, draft: compiler.index.documents[root].draft)
  }

  /// The schema `true`, which every instance passes.
  public static let accepting = JSONSchema(nodes: [SchemaNode(body: .constant(true), location: "#")], draft: .draft7)

  private init(nodes: [SchemaNode], draft: SchemaDraft) {
    self.nodes = nodes
    self.draft = draft
  }

  /// Every way in which `instance` fails the schema; empty when it is valid.
  public func validate(_ instance: JSONValue) -> [ValidationError] {
    // Most instances pass: a yes-or-no walk, which stops early and records nothing, settles those, and only
    // a failing instance is walked again for its errors.
    if isValid(instance) { return [] }
    var evaluator = SchemaEvaluator(nodes: nodes, draft: draft, collectErrors: true)
    _ = evaluator.evaluate(0, instance)
    return evaluator.errors ?? []
  }

  /// Whether `instance` is valid; faster than ``validate(_:)`` because it stops at the first failure.
  public func isValid(_ instance: JSONValue) -> Bool {
    var evaluator = SchemaEvaluator(nodes: nodes, draft: draft, collectErrors: false)
    return evaluator.evaluate(0, instance)
  }

  /// The schema's tape program, made on first use.
  var tapeProgram: TapeProgram {
    program.reference.load() ?? program.reference.storeIfNil(TapeProgram(nodes, draft: draft))
  }
}

/// Validates JSON texts one after another without building their values: each is checked as
/// ``JSONParser`` checks it and laid out on a ``JSONTape``, and the compiled schema walks the tape.
///
/// Make one per thread: it holds the scratch tape, and walking shares nothing that is counted.
public struct JSONTextValidator {
  private let program: TapeProgram
  private var tape = JSONTape()

  public init(_ schema: JSONSchema) { program = schema.tapeProgram }

  /// Whether `text` is valid. Nil when it is not JSON, and also for what a tape does not hold (an
  /// object key with escapes, an object of more than 64 members): then parse the text and call
  /// ``JSONSchema/validate(_:)`` to learn why.
  ///
  /// - Parameter longestString: a bound on the UTF-8 bytes of any string value; a text with a longer one
  ///   (or one that may be longer, escapes counted as written) returns nil.
  public mutating func isValid(_ text: UnsafeRawBufferPointer, longestString: Int? = nil) -> Bool? {
    guard JSONParser.fill(&tape, from: text) else { return nil }
    if let longestString, tape.longestString > longestString { return nil }
    return withExtendedLifetime((program, tape)) {
      TapeEvaluator(program: program, tokens: tape.tokens, bytes: text).valid(0, 0, depth: 0)
    }
  }
}

/// A schema's ``TapeProgram``, made once by whichever thread needs it first.
final class LazyTapeProgram: Sendable {
  let reference = AtomicLazyReference<TapeProgram>()
}
