extension StringProtocol {
  /// Whether `needle`'s UTF-8 bytes occur in this string's, without Unicode equivalence: for ASCII
  /// markers such as `{requestId`.
  ///
  /// `String.contains(String)` runs _StringProcessing's generic search, which costs thousands of
  /// instructions a call and about 300k for its first: start-up time for a one-shot verb (issue 17).
  public func containsBytes(_ needle: some StringProtocol) -> Bool {
    let pattern = Array(needle.utf8)
    return withUTF8Bytes { firstOffset(of: pattern, in: $0, from: 0) != nil }
  }

  /// `body` over this string's UTF-8 bytes, copied only when they are not stored contiguously (a
  /// bridged string, say).
  fileprivate func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(utf8).withUnsafeBufferPointer(body)
  }
}

extension String {
  /// This string with every occurrence of `needle`'s UTF-8 bytes, left to right and not overlapping,
  /// replaced by `replacement`; an empty needle replaces nothing.
  ///
  /// `split(separator:)` with a string separator, the standard library's way, costs 500,000
  /// instructions at its first use in a process (issue 17).
  public func replacingBytes(_ needle: String, with replacement: String) -> String {
    // Most texts hold no byte of the needle at all (a JSON pointer's tokens, say): one scan, no copies.
    guard let lead = needle.utf8.first, utf8.contains(lead) else { return self }
    let pattern = Array(needle.utf8)
    return withUTF8Bytes { bytes in
      var result: [UInt8] = []
      var copied = 0
      while let found = firstOffset(of: pattern, in: bytes, from: copied) {
        result.append(contentsOf: bytes[copied..<found])
        result.append(contentsOf: replacement.utf8)
        copied = found + pattern.count
      }
      guard copied > 0 else { return self }
      result.append(contentsOf: bytes[copied...])
      return String(decoding: result, as: UTF8.self)
    }
  }
}

/// Where `pattern` next occurs in `bytes` at or after `start`; an empty pattern occurs at `start`.
private func firstOffset(of pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
  guard let first = pattern.first else { return start }
  guard bytes.count >= pattern.count else { return nil }
  var offset = start
  while offset <= bytes.count - pattern.count {
    if bytes[offset] == first, bytes[offset..<offset + pattern.count].elementsEqual(pattern) { return offset }
    offset += 1
  }
  return nil
}
