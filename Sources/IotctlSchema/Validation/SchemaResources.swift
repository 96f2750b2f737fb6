/// Schema documents that `$ref`s may reach, by URI, and a loader for the ones not added beforehand.
///
/// The meta-schemas of drafts 4, 6 and 7 are always available. Nothing is fetched from a network: a
/// URI that is neither added nor produced by ``loader`` is an unresolvable reference.
public struct SchemaResources: Sendable {
  var documents: [String: JSONValue] = [:]
  /// Returns the document at an absolute URI (without fragment), or `nil`.
  public var loader: (@Sendable (String) -> JSONValue?)?

  public init(loader: (@Sendable (String) -> JSONValue?)? = nil) { self.loader = loader }

  /// Makes `document` available under `uri`.
  public mutating func add(_ document: JSONValue, uri: String) {
    documents[URIReference(uri).withoutFragment.description] = document
  }

  func document(at uri: String) -> JSONValue? {
    if let document = documents[uri] { return document }
    if let draft = SchemaDraft(metaSchemaURI: uri) {
      return try? JSONParser.parse(draft.metaSchemaText)
    }
    return loader?(uri)
  }
}
