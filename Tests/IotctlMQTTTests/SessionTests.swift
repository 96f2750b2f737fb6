import IotctlMQTT
import IotctlTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct SessionTests {
  func options(_ broker: Broker, _ version: ProtocolVersion = .v5) -> ConnectOptions {
    ConnectOptions(host: "127.0.0.1", port: broker.port, protocolVersion: version, connectTimeout: 5)
  }

  /// A session to `broker`, connected; the caller closes it.
  func connected(_ broker: Broker, _ version: ProtocolVersion = .v5, loop: LoopDriver) throws -> Session {
    let session = try Session(options(broker, version), loop: loop)
    #expect(session.loop == loop)
    try session.connect()
    return session
  }

  @Test(arguments: [LoopDriver.thread, .caller])
  func roundTripsPayloadAndProperties(loop: LoopDriver) throws {
    let broker = try Broker()
    let session = try connected(broker, loop: loop)
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

  @Test(arguments: [LoopDriver.thread, .caller])
  func windowedPublishesAreAllAcknowledged(loop: LoopDriver) throws {
    let broker = try Broker()
    let session = try connected(broker, .v311, loop: loop)
    defer { session.close() }
    for index in 1...2000 {
      try session.waitForWindow(below: 16)
      try session.publish(topic: "window", payload: Array("\(index)".utf8), qos: .exactlyOnce, tag: UInt64(index))
    }
    let report = session.drain(until: .after(seconds: 20))
    #expect(report.completed == 2000)
    #expect(report.pendingTags.isEmpty)
  }

  @Test(arguments: [LoopDriver.thread, .caller])
  func refusedCredentialsAreAnAuthorizationError(loop: LoopDriver) throws {
    let broker = try Broker(config: ["allow_anonymous false"])
    let session = try Session(options(broker, .v311), loop: loop)
    #expect {
      try session.connect()
    } throws: { error in
      guard case .refused(let refusal) = error as? MQTTError else { return false }
      return refusal.isAuthorization
    }
  }

  @Test(arguments: [LoopDriver.thread, .caller])
  func unreachablePortIsReported(loop: LoopDriver) throws {
    let port = try freePort()
    let session = try Session(ConnectOptions(host: "127.0.0.1", port: port, connectTimeout: 5), loop: loop)
    #expect {
      try session.connect()
    } throws: { error in
      if case .unreachable(_, let reported, _) = error as? MQTTError { return reported == port }
      return false
    }
  }

  @Test(arguments: [LoopDriver.thread, .caller])
  func lostConnectionFailsPendingWaits(loop: LoopDriver) throws {
    let broker = try Broker()
    let session = try connected(broker, .v311, loop: loop)
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

  /// Publishing into a dead connection is a connection error, from `publish` or from the drain.
  @Test(arguments: [LoopDriver.thread, .caller])
  func publishingAfterTheBrokerDiedIsAConnectionError(loop: LoopDriver) throws {
    let broker = try Broker()
    let session = try connected(broker, .v311, loop: loop)
    defer { session.close() }
    broker.kill()
    var thrown: MQTTError?
    for index in 1...50 where thrown == nil {
      do {
        try session.publish(topic: "gone", payload: [1], qos: .atLeastOnce, tag: UInt64(index))
        usleep(10_000)
      } catch {
        thrown = error
      }
    }
    if thrown == nil { _ = session.drain(until: .after(seconds: 5)) }
    let failure = try #require(thrown ?? session.failure)
    guard case .connectionLost = failure else {
      Issue.record("expected a lost connection, got \(failure)")
      return
    }
    #expect(session.deliveryReport().completed == 0)
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

  /// A silent listener: the TCP connection opens, no CONNACK ever comes.
  @Test func callerLoopKeepsTheConnectTimeout() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try #require(withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
      }
    })
    let port = Int(UInt16(bigEndian: address.sin_port))
    let session = try Session(ConnectOptions(host: "127.0.0.1", port: port, connectTimeout: 0.5), loop: .caller)
    let start = Deadline.now
    #expect {
      try session.connect()
    } throws: { error in
      if case .connectTimeout = error as? MQTTError { return true }
      return false
    }
    #expect(Deadline.now.seconds(since: start) < 5)
  }

  /// The caller's thread runs the loop only where nothing needs the network thread.
  @Test func callerLoopFallsBackToAThread() throws {
    let plain = ConnectOptions(host: "127.0.0.1", port: 1883)
    #expect(try Session(plain, loop: .caller).loop == .caller)
    #expect(try Session(ConnectOptions(host: "localhost"), loop: .caller).loop == .caller)
    #expect(try Session(ConnectOptions(host: "::1"), loop: .caller).loop == .caller)
    var named = plain
    named.host = "broker.example"
    var reconnecting = plain
    reconnecting.reconnect = .forever
    var proxied = plain
    proxied.proxy = ProxyOptions(host: "127.0.0.1", port: 1080)
    var expiring = plain
    expiring.protocolVersion = .v5
    expiring.sessionExpiry = 60
    for options in [named, reconnecting, proxied, expiring] {
      #expect(try Session(options, loop: .caller).loop == .thread)
    }
    #expect(try Session(plain).loop == .thread)
  }
}

@Suite struct MessagePropertiesTests {
  /// Every stored property must count in `isEmpty`, which lists them by hand.
  @Test func settingAnyPropertyMakesItNonEmpty() {
    #expect(MessageProperties().isEmpty)
    let settings: [(inout MessageProperties) -> Void] = [
      { $0.contentType = "" }, { $0.responseTopic = "" }, { $0.correlationData = [] }, { $0.messageExpiry = 0 },
      { $0.payloadIsUTF8 = false }, { $0.userProperties = [UserProperty("", "")] },
      { $0.subscriptionIdentifiers = [1] },
    ]
    #expect(settings.count == Mirror(reflecting: MessageProperties()).children.count)
    for set in settings {
      var properties = MessageProperties()
      set(&properties)
      #expect(!properties.isEmpty)
    }
  }
}
