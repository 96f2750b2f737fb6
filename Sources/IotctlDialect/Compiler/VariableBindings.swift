import IotctlSchema

/// The values of a dialect's variables, each checked against its rule.
public struct VariableBindings: Sendable {
  public let profile: DialectProfile
  private(set) var values: [String: String]

  /// Binds `given` (from `--var`), then each rule's environment variable, then `context` (a context's
  /// values), then the rule's default.
  ///
  /// - Throws: ``CoreError`` for a name the dialect does not declare, or a value that breaks its rule.
  public init(
    profile: DialectProfile, given: [String: String], environment: [String: String], context: [String: String] = [:]
  ) throws(CoreError) {
    self.profile = profile
    values = [:]
    for name in given.keys.sorted() where profile.variable(name) == nil && !TopicTemplate.builtinVariables.contains(name) {
      let known = profile.variables.map(\.name).joined(separator: ", ")
      throw CoreError(.unknownVariable, "dialect \(profile.name) has no variable '\(name)'; its variables are: \(known)")
    }
    for rule in profile.variables {
      let value = given[rule.name] ?? rule.environment.flatMap { environment[$0] } ?? context[rule.name] ?? rule.defaultValue
      guard let value else { continue }
      try Self.check(value, against: rule)
      values[rule.name] = value
    }
  }

  /// The value of `name`, if bound.
  public subscript(name: String) -> String? { values[name] }

  /// Binds a value the exchange supplies (a request id, a chunk number).
  public mutating func set(_ name: String, _ value: String?) { values[name] = value }

  /// The bound variables with secrets masked, for dry runs and logs.
  public var masked: [(name: String, value: String)] {
    profile.variables.compactMap { rule in values[rule.name].map { (rule.name, rule.secret ? "****" : $0) } }
  }

  /// The values of the secret variables, for masking anything printed.
  public var secretValues: [String] {
    profile.variables.filter(\.secret).compactMap { values[$0.name] }
  }

  /// Throws unless `value` keeps `rule`.
  static func check(_ value: String, against rule: VariableRule) throws(CoreError) {
    func invalid(_ why: String) -> CoreError {
      let shown = rule.secret ? "" : " '\(value.debugDescription.dropFirst().dropLast())'"
      return CoreError(.invalidVariable, "variable \(rule.name)\(shown) \(why)")
    }
    if rule.topicLevel {
      if value.isEmpty && !rule.allowEmpty { throw invalid("is empty; it is a topic level, so give it a value") }
      if let bad = value.unicodeScalars.first(where: { "/+#".unicodeScalars.contains($0) || $0.properties.generalCategory == .control }) {
        let named = bad.properties.generalCategory == .control ? "a control character" : "'\(bad)'"
        throw invalid("contains \(named); it becomes one topic level, so '/', '+', '#' and control characters are not allowed")
      }
    }
    if let limit = rule.maxLength, value.count > limit {
      throw invalid("is \(value.count) characters long; the most allowed is \(limit)")
    }
    if let pattern = rule.pattern, let regex = try? ECMAPattern(pattern, whole: true), !regex.matches(value) {
      throw invalid("does not match the pattern \(pattern)")
    }
  }
}
