import Foundation
import IotctlTestSupport
import Testing

/// What iotctl says when a broker allows less QoS than asked: mosquitto's `max_qos` stands in for
/// mqttools (QoS 0 only, announced as MQTT 5 Maximum QoS) and for RabbitMQ (closes a 3.1.1 connection
/// on a QoS 2 publish).
@Suite struct BrokerLimitsTests {
  @Test func aMaximumQoSInTheConnackIsAPublishFailureWithTheSummary() throws {
    let broker = try Broker(config: ["allow_anonymous true", "max_qos 0"])
    let lines = try iotctl(["pub", "-V", "5", "-t", "a", "-l", "-q", "1"] + broker.address, stdin: Data("1\n2\n3\n".utf8))
    #expect(lines.status == 7, "\(lines.stderr)")
    #expect(
      lines.stderr == "iotctl: error: line 1: the broker accepts QoS 0 at most (Maximum QoS in its CONNACK), not QoS 1; "
        + "publish with -q 0; the 0 lines before it were sent and confirmed; nothing from line 1 on was sent\n",
      "\(lines.stderr)")
    let one = try iotctl(["pub", "-V", "5", "-t", "a", "-m", "x", "-q", "2"] + broker.address)
    #expect(one.status == 7 && one.stderr.contains("publish with -q 0"), "\(one.stderr)")
    let atZero = try iotctl(["pub", "-V", "5", "-t", "a", "-m", "x", "-q", "0"] + broker.address)
    #expect(atZero.status == 0, "\(atZero.stderr)")
  }

  @Test func aConnectionClosedOnQoS2SuggestsQoS1() throws {
    let broker = try Broker(config: ["allow_anonymous true", "max_qos 1"])
    let result = try iotctl(["pub", "-V", "311", "-t", "a", "-m", "x", "-q", "2"] + broker.address)
    #expect(result.status == 9, "\(result.stderr)")
    #expect(result.stderr.contains("0 of 1 sent messages were acknowledged"), "\(result.stderr)")
    #expect(result.stderr.contains("after a QoS 2 publish, as brokers without QoS 2 do (RabbitMQ), and may still have delivered it: publish with -q 1"), "\(result.stderr)")
    let atOne = try iotctl(["pub", "-V", "311", "-t", "a", "-m", "x", "-q", "1"] + broker.address)
    #expect(atOne.status == 0, "\(atOne.stderr)")
  }
}
