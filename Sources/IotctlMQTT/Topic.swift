import CMosquitto

/// Checks on topic names and filters, as the MQTT specification and libmosquitto define them.
public enum Topic {
  /// Throws unless `topic` is a valid topic name to publish to: not empty, no wildcards, no NUL,
  /// at most 65535 bytes of UTF-8.
  public static func checkPublish(_ topic: String) throws(MQTTError) {
    try checkCommon(topic)
    if topic.contains("+") || topic.contains("#") {
      throw .invalidTopic(topic, reason: "wildcards '+' and '#' are only allowed in subscriptions")
    }
  }

  /// Throws unless `filter` is a valid subscription filter.
  public static func checkFilter(_ filter: String) throws(MQTTError) {
    try checkCommon(filter)
    guard mosquitto_sub_topic_check(filter) == MOSQ_ERR_SUCCESS.rawValue else {
      throw .invalidTopic(
        filter, reason: "'+' must fill a whole level and '#' must be the last level, as in a/+/c or a/#")
    }
  }

  /// Whether `topic` matches the subscription `filter`.
  public static func matches(_ topic: String, filter: String) -> Bool {
    var result = false
    return mosquitto_topic_matches_sub(filter, topic, &result) == MOSQ_ERR_SUCCESS.rawValue && result
  }

  private static func checkCommon(_ topic: String) throws(MQTTError) {
    if topic.isEmpty { throw .invalidTopic(topic, reason: "a topic cannot be empty") }
    if topic.utf8.count > 65535 { throw .invalidTopic(topic, reason: "longer than 65535 bytes") }
    if topic.utf8.contains(0) { throw .invalidTopic(topic, reason: "contains a NUL character") }
  }
}
