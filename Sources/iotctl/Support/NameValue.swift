import ArgumentParser

/// `name=value` flag values (`--var`, `--shared`, `--push`, ...).
enum NameValue {
  /// Throws unless every pair has a name, then `=`.
  static func validate(_ pairs: [String]) throws {
    for pair in pairs where !pair.contains("=") || pair.hasPrefix("=") {
      throw ValidationError("'\(pair)' is not name=value")
    }
  }

  /// The name and the value of a pair that ``validate(_:)`` accepted.
  static func split(_ pair: String) -> (name: String, value: String) {
    let index = pair.firstIndex(of: "=")!
    return (String(pair[..<index]), String(pair[pair.index(after: index)...]))
  }
}
