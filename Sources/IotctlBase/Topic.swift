/// A topic name or filter that MQTT does not allow, and why.
public struct InvalidTopic: Error, Sendable, Equatable, CustomStringConvertible {
  public var topic: String
  public var reason: String

  public init(_ topic: String, reason: String) {
    self.topic = topic
    self.reason = reason
  }

  public var description: String { "invalid topic '\(topic)': \(reason)" }
}

/// Checks on topic names and filters, as the MQTT specification (4.7) defines them. Pure Swift, so that
/// code that only compiles or matches topics needs no MQTT library.
public enum Topic {
  /// Throws unless `topic` is a valid topic name to publish to: not empty, no wildcards, no NUL,
  /// at most 65535 bytes of UTF-8.
  public static func checkPublish(_ topic: String) throws(InvalidTopic) {
    try checkCommon(topic)
    if topic.utf8.contains(UInt8(ascii: "+")) || topic.utf8.contains(UInt8(ascii: "#")) {
      throw InvalidTopic(topic, reason: "wildcards '+' and '#' are only allowed in subscriptions")
    }
  }

  /// Throws unless `filter` is a valid subscription filter: `+` fills a whole level, `#` is the whole
  /// last level.
  public static func checkFilter(_ filter: String) throws(InvalidTopic) {
    try checkCommon(filter)
    let levels = filter.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    for (index, level) in levels.enumerated() {
      let wildcard = level.contains(UInt8(ascii: "+")) || level.contains(UInt8(ascii: "#"))
      let alone = level.count == 1
      let lastHash = level.first == UInt8(ascii: "#") && index == levels.count - 1
      if wildcard && !(alone && (level.first == UInt8(ascii: "+") || lastHash)) {
        throw InvalidTopic(
          filter, reason: "'+' must fill a whole level and '#' must be the last level, as in a/+/c or a/#")
      }
    }
  }

  /// Whether `topic` matches the subscription `filter`. Wildcards at the first level do not match topics
  /// that start with `$` (MQTT 4.7.2).
  public static func matches(_ topic: String, filter: String) -> Bool {
    let names = topic.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    let filters = filter.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    if topic.utf8.first == UInt8(ascii: "$"), let first = filters.first,
      first.elementsEqual("+".utf8) || first.elementsEqual("#".utf8)
    {
      return false
    }
    var index = 0
    for level in filters {
      if level.elementsEqual("#".utf8) { return true }
      guard index < names.count else { return false }
      if !level.elementsEqual("+".utf8) && !level.elementsEqual(names[index]) { return false }
      index += 1
    }
    return index == names.count
  }

  private static func checkCommon(_ topic: String) throws(InvalidTopic) {
    if topic.isEmpty { throw InvalidTopic(topic, reason: "a topic cannot be empty") }
    if topic.utf8.count > 65535 { throw InvalidTopic(topic, reason: "longer than 65535 bytes") }
    if topic.utf8.contains(0) { throw InvalidTopic(topic, reason: "contains a NUL character") }
  }
}
