/// A topic (or credential) template: literal text with `{name}` placeholders, where `{name?}` is an optional
/// level that disappears, with its `/`, when the variable has no value.
public struct TopicTemplate: Sendable, Hashable, CustomStringConvertible {
  /// A syntax error in a template.
  public struct SyntaxError: Error, Sendable {
    public var message: String
  }

  enum Part: Sendable, Hashable {
    case literal(String)
    case variable(String, optional: Bool)
  }

  /// Variables that the exchange supplies, not the user.
  public static let builtinVariables: Set<String> = ["requestId", "chunk"]

  public let text: String
  /// The template's levels (split at `/`), each a run of parts.
  let levels: [[Part]]

  /// Parses `text`, splitting levels at each `/` byte as MQTT does. The scan is over UTF-8 bytes: the
  /// `Character` search it replaced cost about 20,000 instructions a template at every start of a
  /// dialect verb (callgrind, issue 17).
  public init(_ text: String) throws(SyntaxError) {
    self.text = text
    var levels: [[Part]] = []
    let bytes = Array(text.utf8)
    var levelStart = 0
    while true {
      let levelEnd = bytes[levelStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
      levels.append(try Self.parts(of: bytes[levelStart..<levelEnd], in: text))
      guard levelEnd < bytes.endIndex else { break }
      levelStart = levelEnd + 1
    }
    self.levels = levels
  }

  /// One level's literal runs and placeholders.
  private static func parts(of level: ArraySlice<UInt8>, in text: String) throws(SyntaxError) -> [Part] {
    let string = { (bytes: ArraySlice<UInt8>) in String(decoding: bytes, as: UTF8.self) }
    var parts: [Part] = []
    var rest = level
    while let open = rest.firstIndex(of: UInt8(ascii: "{")) {
      if open > rest.startIndex { parts.append(.literal(string(rest[..<open]))) }
      guard let close = rest[open...].firstIndex(of: UInt8(ascii: "}")) else {
        throw SyntaxError(message: "\"\(text)\" has a \"{\" without its \"}\"")
      }
      var name = rest[(open + 1)..<close]
      let optional = name.last == UInt8(ascii: "?")
      if optional { name = name.dropLast() }
      guard isVariableName(name) else {
        throw SyntaxError(message: "\"\(text)\" has a placeholder \"{\(string(name))}\" that is not a variable name")
      }
      parts.append(.variable(string(name), optional: optional))
      rest = rest[(close + 1)...]
    }
    if rest.contains(UInt8(ascii: "}")) { throw SyntaxError(message: "\"\(text)\" has a \"}\" without its \"{\"") }
    if !rest.isEmpty { parts.append(.literal(string(rest))) }
    if parts.count > 1, parts.contains(where: { if case .variable(_, true) = $0 { true } else { false } }) {
      throw SyntaxError(message: "\"\(text)\": an optional placeholder must fill a whole level, as in a/{name?}/b")
    }
    return parts
  }

  /// A letter, then letters, digits and underscores: ASCII by bytes, anything else by `Character`'s
  /// Unicode properties.
  private static func isVariableName(_ name: ArraySlice<UInt8>) -> Bool {
    guard let first = name.first else { return false }
    guard name.allSatisfy({ $0 < 0x80 }) else {
      let characters = String(decoding: name, as: UTF8.self)
      guard let initial = characters.first, initial.isLetter else { return false }
      return characters.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
    let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    return isLetter(first)
      && name.allSatisfy { isLetter($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") }
  }

  public var description: String { text }

  /// The variables the template uses, in order of appearance.
  public var variableNames: [String] {
    var names: [String] = []
    for case .variable(let name, _) in levels.joined() where !names.contains(name) { names.append(name) }
    return names
  }

  /// The template with every placeholder replaced. A required variable without a value is returned as the
  /// error; an optional one drops its level.
  public func render(_ value: (String) -> String?) -> Result<String, MissingVariable> {
    fill(value, unboundRequired: nil)
  }

  /// A variable that a template needs and that has no value.
  public struct MissingVariable: Error, Sendable {
    public var name: String
  }

  /// A subscription filter: bound variables are filled in; a level with an unbound variable becomes `+`, and
  /// an unbound optional level is left out.
  public func filter(_ value: (String) -> String?) -> String {
    (try? fill(value, unboundRequired: "+").get()) ?? text
  }

  /// Fills the levels in: an unbound optional level is dropped, and a level with an unbound required
  /// variable becomes `unboundRequired`, or fails when that is `nil`.
  private func fill(_ value: (String) -> String?, unboundRequired: String?) -> Result<String, MissingVariable> {
    var rendered: [String] = []
    for level in levels {
      var text = ""
      var replacement: String? = nil
      var dropped = false
      for part in level {
        switch part {
        case .literal(let literal): text += literal
        case .variable(let name, let optional):
          if let bound = value(name) {
            text += bound
          } else if optional {
            dropped = true
          } else if let unboundRequired {
            replacement = unboundRequired
          } else {
            return .failure(MissingVariable(name: name))
          }
        }
      }
      if !dropped { rendered.append(replacement ?? text) }
    }
    // A loop rather than joined(separator:), whose generic body looks up its associated types at run time
    // on first use (about 200,000 instructions of a one-shot dialect verb; callgrind, issue 17).
    var topic = ""
    for (number, level) in rendered.enumerated() {
      if number > 0 { topic += "/" }
      topic += level
    }
    return .success(topic)
  }

  /// The template text with the bound variables filled in and the others left as placeholders; what a
  /// reply template looks like before a received message supplies the rest.
  public func partiallyRendered(_ value: (String) -> String?) -> String {
    levels.map { level in
      level.map { part in
        switch part {
        case .literal(let literal): literal
        case .variable(let name, let optional): value(name) ?? "{\(name)\(optional ? "?" : "")}"
        }
      }.joined()
    }.joined(separator: "/")
  }

  /// The variables' values if `topic` is an instance of the template, else `nil`. `accept` may refuse a
  /// value for a variable (a request id that is not a number); an optional level is tried left out first,
  /// so that a later optional level takes the value when both could.
  public func match(_ topic: String, accept: (String, String) -> Bool = { _, _ in true }) -> [String: String]? {
    // At each '/' byte, as the template's own levels are split.
    let topicLevels = topic.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
      String(Substring($0))
    }
    var values: [String: String] = [:]
    return Self.match(levels[...], topicLevels[...], &values, accept) ? values : nil
  }

  private static func match(
    _ levels: ArraySlice<[Part]>, _ topic: ArraySlice<String>, _ values: inout [String: String],
    _ accept: (String, String) -> Bool
  ) -> Bool {
    guard let level = levels.first else { return topic.isEmpty }
    if level.count == 1, case .variable(_, true) = level[0] {
      var without = values
      if match(levels.dropFirst(), topic, &without, accept) {
        values = without
        return true
      }
      guard let first = topic.first, !first.isEmpty, bind(level, first, &values, accept) else { return false }
      return match(levels.dropFirst(), topic.dropFirst(), &values, accept)
    }
    guard let first = topic.first, bind(level, first, &values, accept) else { return false }
    return match(levels.dropFirst(), topic.dropFirst(), &values, accept)
  }

  /// Matches one level's parts against one topic level (a variable takes the shortest text that lets the
  /// next literal follow).
  private static func bind(
    _ parts: [Part], _ text: String, _ values: inout [String: String], _ accept: (String, String) -> Bool
  ) -> Bool {
    var rest = Substring(text)
    for (index, part) in parts.enumerated() {
      switch part {
      case .literal(let literal):
        guard rest.hasPrefix(literal) else { return false }
        rest = rest.dropFirst(literal.count)
      case .variable(let name, _):
        var captured: Substring
        if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
          guard let range = rest.firstRange(of: next) else { return false }
          captured = rest[..<range.lowerBound]
        } else {
          captured = rest
        }
        if captured.isEmpty || !accept(name, String(captured)) { return false }
        if let existing = values[name], existing != String(captured) { return false }
        values[name] = String(captured)
        rest = rest[captured.endIndex...]
      }
    }
    return rest.isEmpty
  }
}
