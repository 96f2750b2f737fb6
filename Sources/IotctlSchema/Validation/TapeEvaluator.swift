#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A schema's nodes as ``TapeEvaluator`` runs them: rules without reference-counted payloads (lists
/// and names live in flat tables, addressed by range), so that walking them costs no retain or release.
/// A node with a keyword the tape does not check (`enum`, `const`, `pattern`, `format`, `uniqueItems`,
/// `patternProperties`, `propertyNames`) is ``TapeNode/parsed``: the ``SchemaEvaluator`` runs it on its
/// value, parsed from the tape.
final class TapeProgram: @unchecked Sendable {
  // @unchecked: the buffers are written in `init` only, and freed with the program.
  let nodes: UnsafeMutableBufferPointer<TapeNode>
  let rules: UnsafeMutableBufferPointer<TapeRule>
  /// The schemas that `allOf`, `anyOf`, `oneOf` and tuple `items` list.
  let schemas: UnsafeMutableBufferPointer<Int>
  /// Property names (as ranges of `text`), with the schema that applies to each where there is one.
  let keys: UnsafeMutableBufferPointer<(name: Range<Int>, schema: Int)>
  let text: UnsafeMutableBufferPointer<UInt8>
  /// The bounds and divisors of `maximum`, `minimum` and `multipleOf`.
  let numbers: [JSONNumber]
  /// The schema as ``SchemaEvaluator`` runs it, for ``TapeNode/parsed`` nodes.
  let schemaNodes: [SchemaNode]
  let draft: SchemaDraft

  init(_ schemaNodes: [SchemaNode], draft: SchemaDraft) {
    self.schemaNodes = schemaNodes
    self.draft = draft
    var builder = Builder()
    var nodes = schemaNodes.map { builder.node($0) }
    // A chain of references goes straight to its end, counting each step towards the nesting limit as
    // the evaluator does (compiling refused chains that loop).
    for start in nodes.indices {
      guard case .reference(var target, var steps) = nodes[start] else { continue }
      while case .reference(let next, _) = nodes[target], steps < SchemaEvaluator.maximumDepth {
        target = next
        steps += 1
      }
      nodes[start] = .reference(target, steps: steps)
    }
    self.nodes = Self.copy(nodes)
    rules = Self.copy(builder.rules)
    schemas = Self.copy(builder.schemas)
    keys = Self.copy(builder.keys)
    text = Self.copy(builder.text)
    numbers = builder.numbers
  }

  /// A buffer of trivial values (no deinitialization needed) copied from `array`.
  private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
    _ = buffer.initialize(from: array)
    return buffer
  }

  deinit {
    nodes.deallocate()
    rules.deallocate()
    schemas.deallocate()
    keys.deallocate()
    text.deallocate()
  }

  private struct Builder {
    var rules: [TapeRule] = []
    var schemas: [Int] = []
    var keys: [(name: Range<Int>, schema: Int)] = []
    var text: [UInt8] = []
    var numbers: [JSONNumber] = []

    mutating func node(_ node: SchemaNode) -> TapeNode {
      switch node.body {
      case .constant(let accepts): return .constant(accepts)
      case .reference(let target): return .reference(target, steps: 1)
      case .rules(let checks) where checks.count == 1:
        if case .type(let types) = checks[0].check { return .type(TapeEvaluator.mask(types)) }
        return rules(checks)
      case .rules(let checks): return rules(checks)
      }
    }

    private mutating func rules(_ checks: [Rule]) -> TapeNode {
        let start = rules.count
        for check in checks {
          guard let rule = rule(check.check) else {
            rules.removeSubrange(start...)
            return .parsed
          }
          rules.append(rule)
        }
        return .rules(start..<rules.count)
    }

    private mutating func list(_ items: [Int]) -> Range<Int> {
      schemas.append(contentsOf: items)
      return schemas.count - items.count..<schemas.count
    }

    private mutating func key(_ name: String, _ schema: Int = -1) -> Int {
      text.append(contentsOf: name.utf8)
      keys.append((text.count - name.utf8.count..<text.count, schema))
      return keys.count - 1
    }

    private mutating func keys(_ names: some Sequence<String>) -> Range<Int> {
      let start = keys.count
      for name in names { _ = key(name) }
      return start..<keys.count
    }

    private mutating func number(_ value: JSONNumber) -> Int {
      numbers.append(value)
      return numbers.count - 1
    }

    private mutating func rule(_ check: Check) -> TapeRule? {
      switch check {
      case .type(let types): return .type(TapeEvaluator.mask(types))
      case .maximum(let limit, let exclusive): return .maximum(number(limit), limit.intValue, exclusive: exclusive)
      case .minimum(let limit, let exclusive): return .minimum(number(limit), limit.intValue, exclusive: exclusive)
      case .multipleOf(let divisor): return .multipleOf(number(divisor))
      case .maxLength(let limit): return .maxLength(limit)
      case .minLength(let limit): return .minLength(limit)
      case .items(let schema): return .items(schema)
      case .tupleItems(let tuple, let additional): return .tupleItems(list(tuple), additional: additional)
      case .maxItems(let limit): return .maxItems(limit)
      case .minItems(let limit): return .minItems(limit)
      case .contains(let schema): return .contains(schema)
      case .maxProperties(let limit): return .maxProperties(limit)
      case .minProperties(let limit): return .minProperties(limit)
      case .required(let names): return .required(keys(names))
      case .properties(let properties):
        let start = keys.count
        for (name, schema) in properties { _ = key(name, schema) }
        return .properties(start..<keys.count)
      case .additionalProperties(let schema, let known, let patterns):
        guard patterns.isEmpty else { return nil }
        return .additionalProperties(schema, known: keys(known))
      case .propertyDependency(let property, let requires):
        return .propertyDependency(property: key(property), requires: keys(requires))
      case .schemaDependency(let property, let schema): return .schemaDependency(property: key(property), schema: schema)
      case .conditional(let condition, let then, let otherwise): return .conditional(if: condition, then: then, else: otherwise)
      case .allOf(let branches): return .allOf(list(branches))
      case .anyOf(let branches): return .anyOf(list(branches))
      case .oneOf(let branches): return .oneOf(list(branches))
      case .not(let schema): return .not(schema)
      case .enumeration, .constant, .pattern, .format, .uniqueItems, .patternProperties, .propertyNames:
        return nil
      }
    }
  }
}

enum TapeNode {
  case constant(Bool)
  /// The end of a chain of references, and how many there are in it.
  case reference(Int, steps: Int)
  /// A node whose one keyword is `type`: see ``TapeEvaluator/mask(_:)``.
  case type(UInt8)
  /// A range of ``TapeProgram/rules``.
  case rules(Range<Int>)
  case parsed
}

/// A keyword as the tape checks it. Ranges address the program's `schemas` or `keys`; numbers index its
/// `numbers`.
enum TapeRule {
  /// See ``TapeEvaluator/mask(_:)``.
  case type(UInt8)
  /// A bound, with its value as `Int` when it has one, for integers written plainly.
  case maximum(Int, Int?, exclusive: Bool)
  case minimum(Int, Int?, exclusive: Bool)
  case multipleOf(Int)
  case maxLength(Int)
  case minLength(Int)
  case items(Int)
  case tupleItems(Range<Int>, additional: Int?)
  case maxItems(Int)
  case minItems(Int)
  case contains(Int)
  case maxProperties(Int)
  case minProperties(Int)
  case required(Range<Int>)
  case properties(Range<Int>)
  case additionalProperties(Int, known: Range<Int>)
  case propertyDependency(property: Int, requires: Range<Int>)
  case schemaDependency(property: Int, schema: Int)
  case conditional(if: Int, then: Int?, else: Int?)
  case allOf(Range<Int>)
  case anyOf(Range<Int>)
  case oneOf(Range<Int>)
  case not(Int)
}

/// Decides whether a tape's value is valid, yes or no, as ``SchemaEvaluator`` would for the parsed value:
/// the same keywords, the same nesting limit, and the evaluator itself for the nodes it plans as
/// ``TapeNode/parsed``. Errors are collected by the evaluator, from the parsed instance.
struct TapeEvaluator {
  /// Not counted: two threads that validate with one program would contend for its count on every text.
  /// ``JSONTextValidator`` holds it.
  unowned(unsafe) let program: TapeProgram
  let tokens: UnsafeBufferPointer<JSONTape.Token>
  let bytes: UnsafeRawBufferPointer

  /// A bit per type: null 1, boolean 2, integer 4, number 8, string 16, array 32, object 64.
  static func mask(_ types: [JSONType]) -> UInt8 {
    var mask: UInt8 = 0
    for type in types {
      switch type {
      case .null: mask |= 1
      case .boolean: mask |= 2
      case .integer: mask |= 4
      case .number: mask |= 8
      case .string: mask |= 16
      case .array: mask |= 32
      case .object: mask |= 64
      }
    }
    return mask
  }

  /// Whether the value at token `token` passes `node`; `depth` counts the schemas already applied to this
  /// value, one inside the other, as the evaluator counts them.
  func valid(_ node: Int, _ token: Int, depth: Int) -> Bool {
    let depth = depth + 1
    if depth > SchemaEvaluator.maximumDepth { return false }
    switch program.nodes[node] {
    case .constant(let accepts): return accepts
    case .reference(let target, let steps): return valid(target, token, depth: depth - 1 + steps)
    case .type(let mask): return isType(mask, tokens[token])
    case .parsed:
      var evaluator = SchemaEvaluator(nodes: program.schemaNodes, draft: program.draft, collectErrors: false, depth: depth - 1)
      return evaluator.evaluate(node, value(token))
    case .rules(let rules):
      for rule in rules where !check(program.rules[rule], token, depth: depth) { return false }
      return true
    }
  }

  private func check(_ rule: TapeRule, _ token: Int, depth: Int) -> Bool {
    let value = tokens[token]
    switch rule {
    case .type(let mask): return isType(mask, value)
    case .maximum(let limit, let integerLimit, let exclusive):
      guard value.kind == .number else { return true }
      if let integerLimit, let number = plainInteger(value) { return exclusive ? number < integerLimit : number <= integerLimit }
      let number = self.number(value)
      return exclusive ? number < program.numbers[limit] : !(program.numbers[limit] < number)
    case .minimum(let limit, let integerLimit, let exclusive):
      guard value.kind == .number else { return true }
      if let integerLimit, let number = plainInteger(value) { return exclusive ? number > integerLimit : number >= integerLimit }
      let number = self.number(value)
      return exclusive ? program.numbers[limit] < number : !(number < program.numbers[limit])
    case .multipleOf(let divisor):
      return value.kind != .number || number(value).isMultiple(of: program.numbers[divisor])
    case .maxLength(let limit):
      return value.kind != .string || length(value) <= limit
    case .minLength(let limit):
      return value.kind != .string || length(value) >= limit
    case .maxItems(let limit): return value.kind != .array || value.count <= limit
    case .minItems(let limit): return value.kind != .array || value.count >= limit
    case .maxProperties(let limit): return value.kind != .object || value.count <= limit
    case .minProperties(let limit): return value.kind != .object || value.count >= limit
    case .items(let schema):
      guard value.kind == .array else { return true }
      var item = token + 1
      while item < value.following {
        if !valid(schema, item, depth: 0) { return false }
        item = tokens[item].following
      }
      return true
    case .tupleItems(let schemas, let additional):
      guard value.kind == .array else { return true }
      var item = token + 1
      var position = 0
      while item < value.following {
        guard let schema = position < schemas.count ? program.schemas[schemas.lowerBound + position] : additional else { return true }
        if !valid(schema, item, depth: 0) { return false }
        item = tokens[item].following
        position += 1
      }
      return true
    case .contains(let schema):
      guard value.kind == .array else { return true }
      var item = token + 1
      while item < value.following {
        if valid(schema, item, depth: 0) { return true }
        item = tokens[item].following
      }
      return false
    case .required(let names):
      guard value.kind == .object else { return true }
      return names.allSatisfy { member($0, of: token) != nil }
    case .properties(let properties):
      guard value.kind == .object else { return true }
      var key = token + 1
      while key < value.following {
        if let property = properties.first(where: { matches(key, $0) }), !valid(program.keys[property].schema, key + 1, depth: 0) {
          return false
        }
        key = tokens[key + 1].following
      }
      return true
    case .additionalProperties(let schema, let known):
      guard value.kind == .object else { return true }
      var key = token + 1
      while key < value.following {
        if !known.contains(where: { matches(key, $0) }), !valid(schema, key + 1, depth: 0) { return false }
        key = tokens[key + 1].following
      }
      return true
    case .propertyDependency(let property, let requires):
      guard value.kind == .object, member(property, of: token) != nil else { return true }
      return requires.allSatisfy { member($0, of: token) != nil }
    case .schemaDependency(let property, let schema):
      guard value.kind == .object, member(property, of: token) != nil else { return true }
      return valid(schema, token, depth: depth)
    case .conditional(let condition, let then, let otherwise):
      let branch = valid(condition, token, depth: depth) ? then : otherwise
      return branch.map { valid($0, token, depth: depth) } ?? true
    case .allOf(let branches): return branches.allSatisfy { valid(program.schemas[$0], token, depth: depth) }
    case .anyOf(let branches): return branches.contains { valid(program.schemas[$0], token, depth: depth) }
    case .oneOf(let branches):
      var matching = 0
      for branch in branches where valid(program.schemas[branch], token, depth: depth) {
        matching += 1
        if matching > 1 { return false }
      }
      return matching == 1
    case .not(let schema): return !valid(schema, token, depth: depth)
    }
  }

  @inline(__always)
  private func isType(_ mask: UInt8, _ value: JSONTape.Token) -> Bool {
    switch value.kind {
    case .null: return mask & 1 != 0
    case .false, .true: return mask & 2 != 0
    case .string: return mask & 16 != 0
    case .array: return mask & 32 != 0
    case .object: return mask & 64 != 0
    case .number:
      if mask & 8 != 0 { return true }
      guard mask & 4 != 0 else { return false }
      // Draft 4 defines an integer as a number written without fraction or exponent; later drafts by value.
      if value.plain { return true }
      return program.draft != .draft4 && number(value).isInteger
    }
  }

  /// A number written as an integer of up to 18 digits, which `Int` holds exactly.
  private func plainInteger(_ value: JSONTape.Token) -> Int? {
    guard value.plain, value.length <= 18 else { return nil }
    var result = 0
    var negative = false
    for offset in value.range {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "-") {
        negative = true
      } else {
        result = result * 10 + Int(byte &- UInt8(ascii: "0"))
      }
    }
    return negative ? -result : result
  }

  private func number(_ value: JSONTape.Token) -> JSONNumber {
    let literal = UnsafeRawBufferPointer(rebasing: bytes[value.range])
    return JSONNumber(literal: String(decoding: literal, as: UTF8.self), validatedBytes: literal)
  }

  /// A string's length in Unicode scalars, as `maxLength` and `minLength` count it.
  private func length(_ value: JSONTape.Token) -> Int {
    if value.plain { return value.length - 2 }
    return self.value(valueToken: value).stringValue?.unicodeScalars.count ?? 0
  }

  /// The value of a token, parsed: the tape was filled from text that ``JSONParser`` accepts.
  private func value(_ token: Int) -> JSONValue { value(valueToken: tokens[token]) }

  private func value(valueToken value: JSONTape.Token) -> JSONValue {
    (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[value.range]))) ?? .null
  }

  /// Whether the key at token `key` (which has no escapes) is the program's key `name`.
  private func matches(_ key: Int, _ name: Int) -> Bool {
    let token = tokens[key]
    let length = token.length - 2
    let range = program.keys[name].name
    guard length == range.count else { return false }
    return length == 0 || memcmp(bytes.baseAddress! + Int(token.start) + 1, program.text.baseAddress! + range.lowerBound, length) == 0
  }

  /// The token of the object's member named by the program's key `name`.
  private func member(_ name: Int, of object: Int) -> Int? {
    var key = object + 1
    while key < tokens[object].following {
      if matches(key, name) { return key + 1 }
      key = tokens[key + 1].following
    }
    return nil
  }
}
