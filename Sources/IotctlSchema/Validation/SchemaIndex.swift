/// A place in one of the loaded schema documents.
struct SchemaLocation: Hashable {
  var document: Int
  var pointer: JSONPointer
}

/// A schema document, with the URI it was loaded from and the draft it is read as.
struct SchemaDocument {
  var uri: URIReference
  var root: JSONValue
  var draft: SchemaDraft
}

/// The documents a schema reaches, their identifiers (`$id`, `id`, plain-name anchors) and base URIs,
/// and the resolution of `$ref` against them.
struct SchemaIndex {
  private var resources: SchemaResources
  private(set) var documents: [SchemaDocument] = []
  private var identifiers: [String: SchemaLocation] = [:]
  private var bases: [SchemaLocation: URIReference] = [:]

  init(resources: SchemaResources) { self.resources = resources }

  /// Adds a document and indexes the identifiers in its schema positions; returns its number.
  mutating func addDocument(
    _ root: JSONValue, uri: URIReference, draft forcedDraft: SchemaDraft?, defaultDraft: SchemaDraft
  ) throws(SchemaError) -> Int {
    var draft = forcedDraft ?? defaultDraft
    if forcedDraft == nil, let declared = root["$schema"]?.stringValue {
      guard let named = SchemaDraft(metaSchemaURI: declared) else {
        throw SchemaError(
          kind: .unsupportedDraft, location: uri.withoutFragment.description + "#/$schema",
          message: "\"\(declared)\" is not a supported draft; use draft 4, 6 or 7 (or --draft N)")
      }
      draft = named
    }
    let number = documents.count
    documents.append(SchemaDocument(uri: uri.withoutFragment, root: root, draft: draft))
    let location = SchemaLocation(document: number, pointer: .root)
    identifiers[uri.withoutFragment.description] = location
    scan(root, at: location, base: uri.withoutFragment, draft: draft)
    return number
  }

  /// Indexes the identifiers under `location`. A base URI is recorded only where an identifier changes it:
  /// ``base(of:)`` finds the nearest recorded one above, and recording every subschema's cost a hashed
  /// insert each, at every start of a verb that checks a payload.
  private mutating func scan(_ value: JSONValue, at location: SchemaLocation, base inherited: URIReference, draft: SchemaDraft) {
    guard case .object(let object) = value else { return }
    var base = inherited
    // In drafts 4 to 7 a `$ref` makes every sibling keyword, `$id` included, void.
    if object["$ref"] == nil, let id = object[draft.idKeyword]?.stringValue {
      let reference = URIReference(id)
      let resolved = reference.resolved(against: base)
      if let fragment = resolved.fragment, !fragment.isEmpty {
        identifiers[resolved.description] = location
        if !reference.path.isEmpty || reference.scheme != nil {
          base = resolved.withoutFragment
          identifiers[base.description] = location
        }
      } else {
        base = resolved.withoutFragment
        identifiers[base.description] = location
      }
    }
    if base != inherited { bases[location] = base }
    for (path, child) in Self.subschemas(of: object) {
      var childLocation = location
      childLocation.pointer.tokens.append(contentsOf: path)
      scan(child, at: childLocation, base: base, draft: draft)
    }
  }

  /// The subschemas of a schema object, with their paths relative to it.
  static func subschemas(of object: JSONObject) -> [([String], JSONValue)] {
    var result: [([String], JSONValue)] = []
    for (keyword, value) in object.members {
      switch keyword {
      case "additionalItems", "additionalProperties", "contains", "propertyNames", "if", "then", "else", "not":
        result.append(([keyword], value))
      case "items":
        if case .array(let items) = value {
          for (index, item) in items.enumerated() { result.append(([keyword, String(index)], item)) }
        } else {
          result.append(([keyword], value))
        }
      case "allOf", "anyOf", "oneOf":
        for (index, item) in (value.arrayValue ?? []).enumerated() { result.append(([keyword, String(index)], item)) }
      case "properties", "patternProperties", "definitions", "dependencies":
        for (name, member) in value.objectValue?.members ?? [] where member.arrayValue == nil {
          result.append(([keyword, name], member))
        }
      default:
        break
      }
    }
    return result
  }

  func document(of location: SchemaLocation) -> SchemaDocument { documents[location.document] }

  func value(at location: SchemaLocation) -> JSONValue? {
    location.pointer.resolve(in: documents[location.document].root)
  }

  /// The base URI in effect at `location`: its own, or its nearest indexed ancestor's.
  func base(of location: SchemaLocation) -> URIReference {
    var probe = location
    while true {
      if let base = bases[probe] { return base }
      if probe.pointer.tokens.isEmpty { return documents[location.document].uri }
      probe.pointer.tokens.removeLast()
    }
  }

  /// A human-readable location: `#/pointer` in the first document, `uri#/pointer` elsewhere.
  func describe(_ location: SchemaLocation) -> String {
    let prefix = location.document == 0 ? "" : documents[location.document].uri.description
    return prefix + "#" + location.pointer.description
  }

  /// Where `reference`, written at `location`, points.
  mutating func resolve(_ reference: String, from location: SchemaLocation) throws(SchemaError) -> SchemaLocation {
    let target = URIReference(reference).resolved(against: base(of: location))
    let documentURI = target.withoutFragment.description
    let fragment = target.fragment ?? ""
    func unresolvable(_ why: String) -> SchemaError {
      SchemaError(
        kind: .unresolvableReference, location: describe(location) + "/$ref",
        message: "cannot resolve $ref \"\(reference)\" (\(target)): \(why)")
    }
    if !fragment.isEmpty && !fragment.hasPrefix("/") {
      if identifiers[target.description] == nil { _ = try load(documentURI, from: location) }
      guard let anchored = identifiers[target.description] else { throw unresolvable("no schema has that identifier") }
      return anchored
    }
    var known = identifiers[documentURI]
    if known == nil { known = try load(documentURI, from: location) }
    guard let start = known else {
      throw unresolvable("the document is not available (iotctl never fetches schemas from the network)")
    }
    guard let pointer = JSONPointer(fragment.percentDecoded) else { throw unresolvable("the fragment is not a JSON Pointer") }
    var resolved = start
    resolved.pointer.tokens.append(contentsOf: pointer.tokens)
    guard value(at: resolved) != nil else { throw unresolvable("nothing is at that pointer") }
    return resolved
  }

  private mutating func load(_ uri: String, from location: SchemaLocation) throws(SchemaError) -> SchemaLocation? {
    guard let document = resources.document(at: uri) else { return nil }
    let number = try addDocument(
      document, uri: URIReference(uri), draft: nil, defaultDraft: documents[location.document].draft)
    let root = SchemaLocation(document: number, pointer: .root)
    identifiers[uri] = root
    return root
  }
}

extension String {
  /// The string with `%XX` escapes decoded as UTF-8; malformed escapes are kept as written.
  var percentDecoded: String {
    guard contains("%") else { return self }
    var bytes: [UInt8] = []
    let utf8 = Array(self.utf8)
    var index = 0
    while index < utf8.count {
      if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
        let value = UInt8(String(decoding: utf8[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        index += 3
      } else {
        bytes.append(utf8[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
