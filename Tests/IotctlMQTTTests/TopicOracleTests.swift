import CMosquitto
import IotctlMQTT
import Testing

/// The pure-Swift topic rules in IotctlBase, held against libmosquitto's own, an independent
/// implementation of the same specification.
@Suite struct TopicOracleTests {
  static let topics = ["a", "a/b", "a/b/c", "/a", "a/", "/", "//", "$SYS/x", "$SYS", "a/$b", "ü/x", ""]
  static let filters = [
    "a", "a/#", "#", "+", "+/+", "a/+", "a/+/c", "/+", "+/", "/#", "$SYS/#", "+/x", "a/b/#", "//", "a/#/c",
    "a+", "a/b#", "#/", "+a", "a/++",
  ]

  @Test(arguments: filters)
  func filterChecksAgreeWithLibmosquitto(_ filter: String) {
    let ours = (try? Topic.checkFilter(filter)) != nil
    let theirs = mosquitto_sub_topic_check(filter) == MOSQ_ERR_SUCCESS.rawValue
    #expect(ours == theirs || filter.isEmpty, "\(filter)")
  }

  @Test(arguments: filters)
  func matchingAgreesWithLibmosquitto(_ filter: String) {
    guard (try? Topic.checkFilter(filter)) != nil else { return }
    for topic in Self.topics where !topic.isEmpty {
      var theirs = false
      _ = mosquitto_topic_matches_sub(filter, topic, &theirs)
      #expect(Topic.matches(topic, filter: filter) == theirs, "\(topic) against \(filter)")
    }
  }

  @Test func refusalTextsNameTheCause() {
    #expect(ConnectRefusal(code: 4, isV5: false).isAuthorization)
    #expect(ConnectRefusal(code: 0x87, isV5: true).isAuthorization)
    #expect(!ConnectRefusal(code: 2, isV5: false).isAuthorization)
    #expect(MQTTError.refused(ConnectRefusal(code: 5, isV5: false)).description.contains("not authorised"))
  }
}
