extension StringProtocol {
  /// Whether `needle`'s UTF-8 bytes occur in this string's, without Unicode equivalence: for ASCII
  /// markers such as `{requestId`.
  ///
  /// `String.contains(String)` runs _StringProcessing's generic search, which costs thousands of
  /// instructions a call and about 300k for its first: start-up time for a one-shot verb (issue 17).
  public func containsBytes(_ needle: some StringProtocol) -> Bool {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return true }
    let bytes = Array(utf8)
    guard bytes.count >= pattern.count else { return false }
    var start = 0
    while start <= bytes.count - pattern.count {
      if bytes[start] == first, bytes[start..<start + pattern.count].elementsEqual(pattern) { return true }
      start += 1
    }
    return false
  }
}
