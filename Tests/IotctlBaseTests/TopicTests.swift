import IotctlBase
import Testing

@Suite struct TopicTests {
  @Test(arguments: ["a", "a/b/c", "/leading", "trailing/", "ünïcode/topic", "$SYS-like"])
  func acceptsPublishTopics(_ topic: String) throws {
    try Topic.checkPublish(topic)
  }

  @Test(arguments: ["", "a/+", "a/#", "+", "a\u{0}b"])
  func rejectsPublishTopics(_ topic: String) {
    #expect(throws: InvalidTopic.self) { try Topic.checkPublish(topic) }
  }

  @Test(arguments: ["a/+/c", "#", "a/#", "+/+", "+", "/+", "+/", "//#"])
  func acceptsFilters(_ filter: String) throws {
    try Topic.checkFilter(filter)
  }

  @Test(arguments: ["a/#/c", "a+", "a/b#", "", "#/", "a/++", "a/#/"])
  func rejectsFilters(_ filter: String) {
    #expect(throws: InvalidTopic.self) { try Topic.checkFilter(filter) }
  }

  @Test func matchesFilters() {
    #expect(Topic.matches("a/b/c", filter: "a/+/c"))
    #expect(Topic.matches("a/b/c", filter: "a/#"))
    #expect(Topic.matches("a", filter: "a/#"))
    #expect(!Topic.matches("a/b/c", filter: "a/+"))
    #expect(!Topic.matches("$SYS/x", filter: "#"))
    #expect(Topic.matches("$SYS/x", filter: "$SYS/#"))
  }

  @Test func oversizedTopicIsRefused() {
    #expect(throws: InvalidTopic.self) { try Topic.checkPublish(String(repeating: "a", count: 65536)) }
  }
}
