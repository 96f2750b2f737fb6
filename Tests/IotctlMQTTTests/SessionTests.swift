import IotctlMQTT
import IotctlTestSupport
import Testing

@Suite struct SessionTests {
  func options(_ broker: Broker, _ version: ProtocolVersion = .v5) -> ConnectOptions {
    ConnectOptions(host: "127.0.0.1", port: broker.port, protocolVersion: version, connectTimeout: 5)
  }

  @Test func roundTripsPayloadAndProperties() throws {
    let broker = try Broker()
    let session = try Session(options(broker))
    try session.connect()
    defer { session.close() }
    try session.subscribe(["props/#"], qos: .atLeastOnce)
    let properties = MessageProperties(
      contentType: "application/octet-stream", responseTopic: "props/reply", correlationData: [0, 1, 255],
      messageExpiry: 60, payloadIsUTF8: false, userProperties: [UserProperty("k", "v"), UserProperty("k", "w")])
    let payload = (0...255).map(UInt8.init)
    try session.publish(topic: "props/x", payload: payload, qos: .atLeastOnce, properties: properties, tag: 7)
    let message = try #require(try session.nextMessage(until: .after(seconds: 5)))
    #expect(message.topic == "props/x")
    #expect(message.payload == payload)
    #expect(message.qos == .atLeastOnce)
    #expect(message.properties.userProperties == properties.userProperties)
    #expect(message.properties.correlationData == [0, 1, 255])
    #expect(message.properties.responseTopic == "props/reply")
    #expect(message.properties.contentType == "application/octet-stream")
    #expect((1...60).contains(message.properties.messageExpiry ?? 0))
    let report = session.drain(until: .after(seconds: 5))
    #expect(report.isComplete)
    #expect(report.completed == 1)
  }

  @Test func windowedPublishesAreAllAcknowledged() throws {
    let broker = try Broker()
    let session = try Session(options(broker, .v311))
    try session.connect()
    defer { session.close() }
    for index in 1...2000 {
      try session.waitForWindow(below: 16)
      try session.publish(topic: "window", payload: Array("\(index)".utf8), qos: .exactlyOnce, tag: UInt64(index))
    }
    let report = session.drain(until: .after(seconds: 20))
    #expect(report.completed == 2000)
    #expect(report.pendingTags.isEmpty)
  }

  @Test func refusedCredentialsAreAnAuthorizationError() throws {
    let broker = try Broker(config: ["allow_anonymous false"])
    let session = try Session(options(broker, .v311))
    #expect {
      try session.connect()
    } throws: { error in
      guard case .refused(let refusal) = error as? MQTTError else { return false }
      return refusal.isAuthorization
    }
  }

  @Test func unreachablePortIsReported() throws {
    let port = try freePort()
    let session = try Session(ConnectOptions(host: "127.0.0.1", port: port, connectTimeout: 5))
    #expect {
      try session.connect()
    } throws: { error in
      if case .unreachable(_, let reported, _) = error as? MQTTError { return reported == port }
      return false
    }
  }

  @Test func lostConnectionFailsPendingWaits() throws {
    let broker = try Broker()
    let session = try Session(options(broker, .v311))
    try session.connect()
    defer { session.close() }
    try session.subscribe(["x"], qos: .atMostOnce)
    broker.kill()
    #expect {
      _ = try session.nextMessage(until: .after(seconds: 10))
    } throws: { error in
      if case .connectionLost = error as? MQTTError { return true }
      return false
    }
  }

  @Test func reconnectsAndResubscribes() throws {
    let broker = try Broker()
    var settings = options(broker, .v311)
    settings.reconnect = .attempts(20)
    let session = try Session(settings)
    try session.connect()
    defer { session.close() }
    try session.subscribe(["again/#"], qos: .atLeastOnce)
    broker.kill()
    try broker.start()
    let reconnected = eventually(timeout: 15) { session.connectionCount >= 2 }
    #expect(reconnected)
    // The SUBACK for the automatic resubscription may trail the CONNACK; publish until one arrives.
    var received: Message?
    _ = eventually(timeout: 10) {
      _ = try? broker.peerPublish(["-t", "again/1", "-m", "back", "-q", "1"])
      received = try? session.nextMessage(until: .after(seconds: 0.2))
      return received != nil
    }
    #expect(received?.payload == Array("back".utf8))
  }
}
