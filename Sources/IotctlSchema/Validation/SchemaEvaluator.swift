/// Runs compiled nodes against an instance, collecting errors when asked to.
struct SchemaEvaluator {
  /// How many schemas (`$ref`s, `allOf` branches and the like) may apply inside each other to one value before
  /// the evaluation gives up, so that a schema applying itself to the same value ends instead of exhausting
  /// the stack. Descending into an item or property starts the count again.
  static let maximumDepth = 64

  let nodes: [SchemaNode]
  let draft: SchemaDraft
  /// `nil` while only a yes or no is needed (inside `anyOf`, `oneOf`, `not` and `if`).
  var errors: [ValidationError]?
  private var path: [String] = []
  /// Schemas applied to the current value, one inside the other.
  private var depth = 0

  /// - Parameter depth: how many schemas already apply to the instance, one inside the other.
  init(nodes: [SchemaNode], draft: SchemaDraft, collectErrors: Bool, depth: Int = 0) {
    self.nodes = nodes
    self.draft = draft
    self.depth = depth
    errors = collectErrors ? [] : nil
  }

  private mutating func fail(_ node: Int, _ keyword: String, _ message: @autoclosure () -> String) -> Bool {
    if errors != nil {
      let location = nodes[node].location + "/" + keyword
      errors!.append(ValidationError(instancePointer: JSONPointer(tokens: path), schemaLocation: location, message: message()))
    }
    return false
  }

  /// Whether `instance` passes `node`, without recording anything. A `child` is an item, property or name
  /// of the current value rather than the value itself.
  private mutating func passes(_ node: Int, _ instance: JSONValue, child: Bool = false) -> Bool {
    let saved = (errors, depth)
    errors = nil
    if child { depth = 0 }
    defer { (errors, depth) = saved }
    return evaluate(node, instance)
  }

  /// Evaluates an item or property of the current value. Its place is recorded only while errors are
  /// collected: a yes-or-no evaluation has no use for it, and building it was a tenth of the work.
  private mutating func evaluate(_ node: Int, _ instance: JSONValue, at token: @autoclosure () -> String) -> Bool {
    let outerDepth = depth
    depth = 0
    defer { depth = outerDepth }
    guard errors != nil else { return evaluate(node, instance) }
    path.append(token())
    defer { path.removeLast() }
    return evaluate(node, instance)
  }

  mutating func evaluate(_ node: Int, _ instance: JSONValue) -> Bool {
    depth += 1
    defer { depth -= 1 }
    if depth > Self.maximumDepth {
      return fail(node, "$ref", "more than \(Self.maximumDepth) schemas apply to this value inside each other (a $ref loop?)")
    }
    switch nodes[node].body {
    case .constant(true): return true
    case .constant(false): return fail(node, "", "no value is allowed here (the schema is false)")
    case .reference(let target): return evaluate(target, instance)
    case .rules(let rules):
      var valid = true
      for rule in rules where !check(rule, node, instance) {
        valid = false
        if errors == nil { return false }
      }
      return valid
    }
  }

  private func isType(_ type: JSONType, _ value: JSONValue) -> Bool {
    switch (type, value) {
    case (.null, .null), (.boolean, .bool), (.number, .number), (.string, .string), (.array, .array), (.object, .object):
      return true
    case (.integer, .number(let number)):
      // Draft 4 defines an integer as a number written without fraction or exponent; later drafts by value.
      return draft == .draft4 ? number.isIntegerLiteral : number.isInteger
    default:
      return false
    }
  }

  private mutating func check(_ rule: Rule, _ node: Int, _ instance: JSONValue) -> Bool {
    // The recursive keywords live apart from the leaf ones to keep this frame small: it is on the stack once
    // per nesting level of schema and instance.
    switch rule.check {
    case .items(let schema):
      guard case .array(let items) = instance else { return true }
      var valid = true
      for (position, item) in items.enumerated() where !evaluate(schema, item, at: String(position)) {
        valid = false
        if errors == nil { break }
      }
      return valid
    case .tupleItems(let schemas, let additional):
      guard case .array(let items) = instance else { return true }
      var valid = true
      for (position, item) in items.enumerated() {
        guard let schema = position < schemas.count ? schemas[position] : additional else { break }
        if !evaluate(schema, item, at: String(position)) {
          valid = false
          if errors == nil { break }
        }
      }
      return valid
    case .contains(let schema):
      guard case .array(let items) = instance else { return true }
      if items.contains(where: { passes(schema, $0, child: true) }) { return true }
      return fail(node, rule.keyword, "no item matches the \"contains\" schema")
    case .properties(let properties):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for (name, schema) in properties {
        guard let value = object[name] else { continue }
        if !evaluate(schema, value, at: name) {
          valid = false
          if errors == nil { break }
        }
      }
      return valid
    case .patternProperties(let patterns):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for (name, value) in object.members {
        for (pattern, schema) in patterns where pattern.matches(name) && !evaluate(schema, value, at: name) {
          valid = false
          if errors == nil { return false }
        }
      }
      return valid
    case .additionalProperties(let schema, let known, let patterns):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for (name, value) in object.members where !known.contains(name) && !patterns.contains(where: { $0.matches(name) }) {
        if case .constant(false) = nodes[schema].body {
          path.append(name)
          valid = fail(node, rule.keyword, "the property is not allowed here")
          path.removeLast()
        } else if !evaluate(schema, value, at: name) {
          valid = false
        }
        if !valid && errors == nil { break }
      }
      return valid
    case .schemaDependency(let property, let schema):
      guard case .object(let object) = instance else { return true }
      return object[property] == nil || evaluate(schema, instance)
    case .propertyNames(let schema):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for name in object.keys where !passes(schema, .string(name), child: true) {
        path.append(name)
        valid = fail(node, rule.keyword, "the property name \(Self.brief(.string(name))) is not allowed")
        path.removeLast()
        if errors == nil { break }
      }
      return valid
    case .conditional(let condition, let then, let otherwise):
      if passes(condition, instance) {
        return then.map { evaluate($0, instance) } ?? true
      }
      return otherwise.map { evaluate($0, instance) } ?? true
    case .allOf(let branches):
      var valid = true
      for branch in branches where !evaluate(branch, instance) {
        valid = false
        if errors == nil { break }
      }
      return valid
    case .anyOf(let branches):
      if branches.contains(where: { passes($0, instance) }) { return true }
      return fail(node, rule.keyword, "matches none of the \(branches.count) schemas in anyOf")
    case .oneOf(let branches):
      let matching = branches.indices.filter { passes(branches[$0], instance) }
      if matching.count == 1 { return true }
      if matching.isEmpty { return fail(node, rule.keyword, "matches none of the \(branches.count) schemas in oneOf") }
      return fail(node, rule.keyword, "matches schemas \(matching.map(String.init).joined(separator: " and ")) of oneOf; exactly one must match")
    case .not(let schema):
      return !passes(schema, instance) || fail(node, rule.keyword, "must not match the schema in \"not\"")
    default:
      return checkLeaf(rule, node, instance)
    }
  }

  private mutating func checkLeaf(_ rule: Rule, _ node: Int, _ instance: JSONValue) -> Bool {
    // Each keyword applies to one type of instance, and passes any other.
    switch rule.check {
    case .type(let types):
      if types.contains(where: { isType($0, instance) }) { return true }
      let actual = if case .number(let n) = instance, n.isInteger { "integer" } else { instance.typeName }
      return fail(node, rule.keyword, "expected \(types.map(\.rawValue).joined(separator: " or ")), got \(actual)")
    case .enumeration(let options):
      if options.contains(instance) { return true }
      return fail(node, rule.keyword, "\(Self.brief(instance)) is not one of \(Self.list(options))")
    case .constant(let expected):
      return instance == expected || fail(node, rule.keyword, "must be \(Self.brief(expected)), got \(Self.brief(instance))")
    case .multipleOf(let divisor):
      guard case .number(let number) = instance else { return true }
      return number.isMultiple(of: divisor) || fail(node, rule.keyword, "\(number) is not a multiple of \(divisor)")
    case .maximum(let limit, let exclusive):
      guard case .number(let number) = instance else { return true }
      if exclusive ? number < limit : !(limit < number) { return true }
      return fail(node, rule.keyword, "\(number) is \(exclusive ? "not below" : "above") the maximum \(limit)")
    case .minimum(let limit, let exclusive):
      guard case .number(let number) = instance else { return true }
      if exclusive ? limit < number : !(number < limit) { return true }
      return fail(node, rule.keyword, "\(number) is \(exclusive ? "not above" : "below") the minimum \(limit)")
    case .maxLength(let limit):
      guard case .string(let text) = instance else { return true }
      let length = text.unicodeScalars.count
      return length <= limit || fail(node, rule.keyword, "is \(length) characters long, more than the maximum \(limit)")
    case .minLength(let limit):
      guard case .string(let text) = instance else { return true }
      let length = text.unicodeScalars.count
      return length >= limit || fail(node, rule.keyword, "is \(length) characters long, fewer than the minimum \(limit)")
    case .format(let format):
      guard case .string(let text) = instance else { return true }
      return format.accepts(text) || fail(node, rule.keyword, "\(Self.brief(instance)) is not a valid \(format.rawValue)")
    case .pattern(let pattern):
      guard case .string(let text) = instance else { return true }
      return pattern.matches(text) || fail(node, rule.keyword, "\(Self.brief(instance)) does not match /\(pattern.source)/")
    case .maxItems(let limit):
      guard case .array(let items) = instance else { return true }
      return items.count <= limit || fail(node, rule.keyword, "has \(items.count) items, more than the maximum \(limit)")
    case .minItems(let limit):
      guard case .array(let items) = instance else { return true }
      return items.count >= limit || fail(node, rule.keyword, "has \(items.count) items, fewer than the minimum \(limit)")
    case .uniqueItems:
      guard case .array(let items) = instance else { return true }
      var seen: [JSONValue: Int] = [:]
      for (position, item) in items.enumerated() {
        if let first = seen.updateValue(position, forKey: item) {
          return fail(node, rule.keyword, "items \(first) and \(position) are equal; items must be unique")
        }
      }
      return true
    case .maxProperties(let limit):
      guard case .object(let object) = instance else { return true }
      return object.count <= limit || fail(node, rule.keyword, "has \(object.count) properties, more than the maximum \(limit)")
    case .minProperties(let limit):
      guard case .object(let object) = instance else { return true }
      return object.count >= limit || fail(node, rule.keyword, "has \(object.count) properties, fewer than the minimum \(limit)")
    case .required(let names):
      guard case .object(let object) = instance else { return true }
      var valid = true
      for name in names where object[name] == nil {
        valid = fail(node, rule.keyword, "the required property \(Self.brief(.string(name))) is missing")
        if errors == nil { break }
      }
      return valid
    case .propertyDependency(let property, let requires):
      guard case .object(let object) = instance, object[property] != nil else { return true }
      let missing = requires.filter { object[$0] == nil }
      if missing.isEmpty { return true }
      return fail(node, rule.keyword, "\(Self.brief(.string(property))) requires \(Self.list(missing.map(JSONValue.string)))")
    default:
      return true  // A recursive keyword, handled by `check`.
    }
  }

  /// A short rendering of a value for messages.
  static func brief(_ value: JSONValue) -> String {
    let text = value.jsonText
    return text.count <= 60 ? text : String(text.prefix(57)) + "..."
  }

  static func list(_ values: [JSONValue]) -> String {
    let shown = values.prefix(8).map(brief).joined(separator: ", ")
    return "[" + shown + (values.count > 8 ? ", ... (\(values.count) in all)" : "") + "]"
  }
}
