/// A JSON Schema draft that the validator implements.
public enum SchemaDraft: Int, Sendable, CaseIterable, CustomStringConvertible {
  case draft4 = 4
  case draft6 = 6
  case draft7 = 7

  /// The draft a `$schema` URI names. The unversioned `http://json-schema.org/schema#` means the latest
  /// draft, which here is draft 7.
  public init?(metaSchemaURI: String) {
    var uri = metaSchemaURI
    if uri.hasSuffix("#") { uri.removeLast() }
    if uri.hasPrefix("https://") { uri = "http://" + uri.dropFirst("https://".count) }
    switch uri {
    case "http://json-schema.org/draft-04/schema": self = .draft4
    case "http://json-schema.org/draft-06/schema": self = .draft6
    case "http://json-schema.org/draft-07/schema", "http://json-schema.org/schema": self = .draft7
    default: return nil
    }
  }

  /// The canonical `$schema` URI of the draft.
  public var metaSchemaURI: String {
    switch self {
    case .draft4: "http://json-schema.org/draft-04/schema#"
    case .draft6: "http://json-schema.org/draft-06/schema#"
    case .draft7: "http://json-schema.org/draft-07/schema#"
    }
  }

  public var description: String { "draft \(rawValue)" }

  /// The keyword that names a schema's URI.
  var idKeyword: String { self == .draft4 ? "id" : "$id" }

  var metaSchemaText: String {
    switch self {
    case .draft4: MetaSchemas.draft4
    case .draft6: MetaSchemas.draft6
    case .draft7: MetaSchemas.draft7
    }
  }
}
