/// Turns schema documents into ``SchemaNode``s, checking each keyword's value as it goes.
struct SchemaCompiler {
  var index: SchemaIndex
  private(set) var nodes: [SchemaNode] = []
  private var compiled: [SchemaLocation: Int] = [:]

  /// Whether `format` asserts (``StringFormat``) rather than annotates.
  let assertsFormat: Bool

  init(index: SchemaIndex, assertsFormat: Bool = false) {
    self.index = index
    self.assertsFormat = assertsFormat
  }

  /// Compiles the schema at `location` (once; later calls return the same node).
  mutating func compile(_ location: SchemaLocation) throws(SchemaError) -> Int {
    if let existing = compiled[location] { return existing }
    guard let value = index.value(at: location) else {
      throw SchemaError(kind: .unresolvableReference, location: index.describe(location), message: "no schema here")
    }
    let number = nodes.count
    compiled[location] = number
    let where_ = index.describe(location)
    nodes.append(SchemaNode(body: .constant(true), location: where_))
    switch value {
    case .bool(let accepts):
      nodes[number].body = .constant(accepts)
    case .object(let object):
      if let reference = object["$ref"] {
        guard let text = reference.stringValue else { throw invalid(location, "$ref", "must be a string") }
        let target = try index.resolve(text, from: location)
        nodes[number].body = .reference(try compile(target))
      } else {
        nodes[number].body = .rules(try rules(of: object, at: location))
      }
    default:
      throw invalid(location, nil, "a schema must be an object or a boolean, not \(value.typeName)")
    }
    return number
  }

  /// Fails on `$ref` chains that come back to where they started without validating anything.
  func checkReferenceCycles() throws(SchemaError) {
    for start in nodes.indices {
      var seen: Set<Int> = [start]
      var current = start
      while case .reference(let next) = nodes[current].body {
        if seen.contains(next) {
          throw SchemaError(
            kind: .referenceCycle, location: nodes[start].location,
            message: "$ref cycle: the reference leads back to itself without any keyword in between")
        }
        seen.insert(next)
        current = next
      }
    }
  }

  private func invalid(_ location: SchemaLocation, _ keyword: String?, _ message: String) -> SchemaError {
    let suffix = keyword.map { "/" + JSONPointer.escaped($0) } ?? ""
    return SchemaError(kind: .invalidKeyword, location: index.describe(location) + suffix, message: message)
  }

  private mutating func rules(of object: JSONObject, at location: SchemaLocation) throws(SchemaError) -> [Rule] {
    let draft = index.document(of: location).draft
    var rules: [Rule] = []
    func child(_ path: String...) throws(SchemaError) -> Int {
      var target = location
      target.pointer.tokens.append(contentsOf: path)
      return try compile(target)
    }
    func count(_ keyword: String) throws(SchemaError) -> Int {
      guard let number = object[keyword]?.numberValue, number.isInteger, !(number < JSONNumber(0)),
        let value = number.intValue
      else { throw invalid(location, keyword, "must be a non-negative integer, at most \(Int.max)") }
      return value
    }
    func number(_ keyword: String) throws(SchemaError) -> JSONNumber {
      guard let value = object[keyword]?.numberValue else { throw invalid(location, keyword, "must be a number") }
      return value
    }
    func pattern(_ source: String, _ keyword: String) throws(SchemaError) -> Pattern {
      do {
        return try Pattern(source: source)
      } catch {
        throw SchemaError(
          kind: .invalidPattern, location: index.describe(location) + "/" + keyword,
          message: "\"\(source)\" is not a valid regular expression")
      }
    }
    func add(_ keyword: String, _ check: Check) { rules.append(Rule(keyword: keyword, check: check)) }

    for (keyword, value) in object.members {
      switch keyword {
      case "type":
        let names = value.arrayValue ?? [value]
        var types: [JSONType] = []
        for name in names {
          guard let type = name.stringValue.flatMap(JSONType.init(rawValue:)) else {
            throw invalid(location, keyword, "must name JSON types (null, boolean, integer, number, string, array, object)")
          }
          types.append(type)
        }
        add(keyword, .type(types))
      case "enum":
        guard let options = value.arrayValue else { throw invalid(location, keyword, "must be an array") }
        add(keyword, .enumeration(options))
      case "const" where draft != .draft4:
        add(keyword, .constant(value))
      case "multipleOf":
        let divisor = try number(keyword)
        guard divisor.isPositive else { throw invalid(location, keyword, "must be greater than 0") }
        add(keyword, .multipleOf(divisor))
      case "maximum", "minimum":
        let limit = try number(keyword)
        let modifier = keyword == "maximum" ? "exclusiveMaximum" : "exclusiveMinimum"
        let exclusive = draft == .draft4 && object[modifier]?.boolValue == true
        add(keyword, keyword == "maximum" ? .maximum(limit, exclusive: exclusive) : .minimum(limit, exclusive: exclusive))
      case "exclusiveMaximum" where draft != .draft4:
        add(keyword, .maximum(try number(keyword), exclusive: true))
      case "exclusiveMinimum" where draft != .draft4:
        add(keyword, .minimum(try number(keyword), exclusive: true))
      case "maxLength": add(keyword, .maxLength(try count(keyword)))
      case "minLength": add(keyword, .minLength(try count(keyword)))
      case "format" where assertsFormat:
        if let format = value.stringValue.flatMap(StringFormat.init(rawValue:)) { add(keyword, .format(format)) }
      case "pattern":
        guard let source = value.stringValue else { throw invalid(location, keyword, "must be a string") }
        add(keyword, .pattern(try pattern(source, keyword)))
      case "items":
        if case .array(let items) = value {
          var tuple: [Int] = []
          for position in items.indices { tuple.append(try child(keyword, String(position))) }
          let additional = object["additionalItems"] == nil ? nil : try child("additionalItems")
          add(keyword, .tupleItems(tuple, additional: additional))
        } else {
          add(keyword, .items(try child(keyword)))
        }
      case "maxItems": add(keyword, .maxItems(try count(keyword)))
      case "minItems": add(keyword, .minItems(try count(keyword)))
      case "uniqueItems":
        guard let flag = value.boolValue else { throw invalid(location, keyword, "must be a boolean") }
        if flag { add(keyword, .uniqueItems) }
      case "contains" where draft != .draft4:
        add(keyword, .contains(try child(keyword)))
      case "maxProperties": add(keyword, .maxProperties(try count(keyword)))
      case "minProperties": add(keyword, .minProperties(try count(keyword)))
      case "required":
        guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count else {
          throw invalid(location, keyword, "must be an array of strings")
        }
        add(keyword, .required(names))
      case "properties":
        guard let members = value.objectValue?.members else { throw invalid(location, keyword, "must be an object") }
        var properties: [(name: String, schema: Int)] = []
        for (name, _) in members { properties.append((name, try child(keyword, name))) }
        add(keyword, .properties(properties))
      case "patternProperties":
        guard let members = value.objectValue?.members else { throw invalid(location, keyword, "must be an object") }
        var patterns: [(pattern: Pattern, schema: Int)] = []
        for (source, _) in members { patterns.append((try pattern(source, keyword), try child(keyword, source))) }
        add(keyword, .patternProperties(patterns))
      case "additionalProperties":
        let known = Set(object["properties"]?.objectValue?.keys ?? [])
        var patterns: [Pattern] = []
        for source in object["patternProperties"]?.objectValue?.keys ?? [] {
          patterns.append(try pattern(source, "patternProperties"))
        }
        add(keyword, .additionalProperties(try child(keyword), known: known, patterns: patterns))
      case "dependencies":
        guard let members = value.objectValue?.members else { throw invalid(location, keyword, "must be an object") }
        for (property, dependency) in members {
          if let names = dependency.arrayValue {
            let strings = names.compactMap(\.stringValue)
            guard strings.count == names.count else {
              throw invalid(location, keyword, "\"\(property)\" must list property names or be a schema")
            }
            add(keyword, .propertyDependency(property: property, requires: strings))
          } else {
            add(keyword, .schemaDependency(property: property, schema: try child(keyword, property)))
          }
        }
      case "propertyNames" where draft != .draft4:
        add(keyword, .propertyNames(try child(keyword)))
      case "if" where draft == .draft7:
        let then = object["then"] == nil ? nil : try child("then")
        let otherwise = object["else"] == nil ? nil : try child("else")
        if then != nil || otherwise != nil { add(keyword, .conditional(if: try child(keyword), then: then, else: otherwise)) }
      case "allOf", "anyOf", "oneOf":
        guard let branches = value.arrayValue, !branches.isEmpty else {
          throw invalid(location, keyword, "must be a non-empty array of schemas")
        }
        var compiledBranches: [Int] = []
        for position in branches.indices { compiledBranches.append(try child(keyword, String(position))) }
        add(keyword, keyword == "allOf" ? .allOf(compiledBranches) : keyword == "anyOf" ? .anyOf(compiledBranches) : .oneOf(compiledBranches))
      case "not":
        add(keyword, .not(try child(keyword)))
      default:
        break  // Annotations (title, format, default, ...) and unknown keywords do not validate.
      }
    }
    return rules
  }
}
