extension StringProtocol {
  /// The text without the leading and trailing characters that `set` holds.
  package func trimming(_ set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
