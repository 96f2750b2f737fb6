import IotctlMQTT
import Testing

@Suite struct TopicTests {
  @Test(arguments: ["a", "a/b/c", "/leading", "trailing/", "ünïcode/topic", "$SYS-like"])
  func acceptsPublishTopics(_ topic: String) throws {
    try Topic.checkPublish(topic)
  }

  @Test(arguments: ["", "a/+", "a/#", "+", "a\u{0}b"])
  func rejectsPublishTopics(_ topic: String) {
    #expect(throws: MQTTError.self) { try Topic.checkPublish(topic) }
  }

  @Test(arguments: ["a/+/c", "#", "a/#", "+/+", "+"])
  func acceptsFilters(_ filter: String) throws {
    try Topic.checkFilter(filter)
  }

  @Test(arguments: ["a/#/c", "a+", "a/b#", ""])
  func rejectsFilters(_ filter: String) {
    #expect(throws: MQTTError.self) { try Topic.checkFilter(filter) }
  }

  @Test func matchesFilters() {
    #expect(Topic.matches("a/b/c", filter: "a/+/c"))
    #expect(Topic.matches("a/b/c", filter: "a/#"))
    #expect(!Topic.matches("a/b/c", filter: "a/+"))
  }

  @Test func refusalTextsNameTheCause() {
    #expect(ConnectRefusal(code: 4, isV5: false).isAuthorization)
    #expect(ConnectRefusal(code: 0x87, isV5: true).isAuthorization)
    #expect(!ConnectRefusal(code: 2, isV5: false).isAuthorization)
    #expect(MQTTError.refused(ConnectRefusal(code: 5, isV5: false)).description.contains("not authorised"))
  }
}
