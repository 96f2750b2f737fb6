import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

let libraryReady: Bool = {
  mosquitto_lib_init()
  return true
}()

/// How many received messages wait for the owner before the network thread stops reading.
let receiveQueueCapacity = 10_000
/// How many payload bytes wait for the owner before the network thread stops reading: a flood of
/// large retained messages to a slow reader must not take all the memory there is.
let receiveQueueBytes = 64 << 20

/// One MQTT session over libmosquitto.
///
/// The session runs libmosquitto's loop on a thread of its own, or inside the owner's waits (see
/// ``LoopDriver``). Callbacks only copy data into ``SessionState`` and wake the owner, which waits
/// with deadlines; nothing is delivered on the network thread. Use it from one thread, and call
/// ``close()`` when done.
public final class Session {
  let core: SessionCore
  /// Where libmosquitto's loop runs: the driver asked for, unless the options need the thread.
  public let loop: LoopDriver
  private var callerDriven: Bool { core.callerDriven }
  private var thread: pthread_t?
  private var closed = false
  /// Set when the network thread may still be blocked in `connect`, so the handle cannot be freed.
  private var abandoned = false

  /// The options the session was opened with.
  public var options: ConnectOptions { core.options }

  /// Creates the client and applies every option; no network traffic yet.
  public init(_ options: ConnectOptions, loop driver: LoopDriver = .thread) throws(MQTTError) {
    precondition(libraryReady)
    var options = options
    if options.password == nil, let ask = options.askPassword { options.password = try ask() }
    loop = driver == .caller && options.allowsCallerDrivenLoop ? .caller : .thread
    core = try SessionCore(options, callerDriven: loop == .caller)
  }

  deinit {
    if !closed { close() }
    if !abandoned { mosquitto_destroy(core.handle.pointer) }
  }

  /// Connects and waits for the broker's CONNACK.
  public func connect() throws(MQTTError) {
    let options = core.options
    if options.discardsEarlierSession { Self.discardSession(options) }
    Interruption.register(core)
    if callerDriven {
      let rc = mosquitto_connect_bind_async(
        core.handle.pointer, options.host, Int32(options.port), Int32(options.keepalive), options.bindAddress)
      guard rc == MOSQ_ERR_SUCCESS.rawValue else {
        close()
        throw core.connectFailure(rc, errnoValue: errno)
      }
    } else {
      try startNetworkThread()
    }
    let outcome: Result<Void, MQTTError>? = wait(until: .after(seconds: options.connectTimeout)) { state in
      if state.connected { return .success(()) }
      if let failure = state.failure { return .failure(failure) }
      return nil
    }
    switch outcome {
    case .success: return
    case .failure(let error):
      close()
      throw error
    case nil:
      if thread != nil {
        // The thread may still be blocked in a TCP connect: let it go rather than wait for it.
        abandoned = true
        core.state.update { $0.stopRequested = true }
      }
      closed = true
      throw .connectTimeout(
        host: options.host, port: options.port, seconds: options.connectTimeout, v5: options.protocolVersion == .v5)
    }
  }

  /// Starts the thread that connects and then runs libmosquitto's loop (``LoopDriver/thread``).
  private func startNetworkThread() throws(MQTTError) {
    let box = Unmanaged.passRetained(core).toOpaque()
    var thread = pthread_t()
    let rc = pthread_create(&thread, nil, { raw in
      let core = Unmanaged<SessionCore>.fromOpaque(raw!).takeRetainedValue()
      core.runNetworkLoop()
      return nil
    }, box)
    guard rc == 0 else {
      Unmanaged<SessionCore>.fromOpaque(box).release()
      throw .library(operation: "starting the network thread", code: MOSQ_ERR_ERRNO.rawValue)
    }
    self.thread = thread
  }

  /// Waits as ``ConditionLock/wait(until:signal:_:)`` does; on the owner's thread it runs
  /// libmosquitto's loop between checks instead of sleeping.
  private func wait<R>(until deadline: Deadline?, signal: Bool = false, _ ready: (inout SessionState) -> R?) -> R? {
    guard callerDriven else { return core.state.wait(until: deadline, signal: signal, ready) }
    while true {
      core.noteInterruption()
      if let value = core.state.withLock(ready) { return value }
      if deadline?.hasPassed == true { return nil }
      if core.pumpOnce(until: deadline) != nil { return core.state.withLock(ready) }
    }
  }

  /// Queues a publish; returns once libmosquitto has accepted it.
  ///
  /// - Parameter tag: the caller's label for the message, reported back in ``deliveryReport()``.
  public func publish(
    topic: String, payload: [UInt8], qos: QoS = .atMostOnce, retain: Bool = false,
    properties: MessageProperties = MessageProperties(), tag: UInt64 = 0
  ) throws(MQTTError) {
    let outcome = payload.withUnsafeBytes { bytes in
      Result { () throws(MQTTError) in
        try publish(topic: topic, bytes: bytes, qos: qos, retain: retain, properties: properties, tag: tag)
      }
    }
    try outcome.get()
  }

  /// Queues a publish of bytes the caller keeps (libmosquitto copies them before returning); otherwise
  /// as ``publish(topic:payload:qos:retain:properties:tag:)``.
  public func publish(
    topic: String, bytes: UnsafeRawBufferPointer, qos: QoS = .atMostOnce, retain: Bool = false,
    properties: MessageProperties = MessageProperties(), tag: UInt64 = 0
  ) throws(MQTTError) {
    let list: PropertyList?
    if properties.isEmpty {
      list = nil
    } else {
      guard options.protocolVersion == .v5 else {
        throw .invalidOption("MQTT 5 properties need protocol version 5; add -V 5")
      }
      list = try PropertyList.publish(properties)
    }
    var mid: Int32 = 0
    // withCString, not the implicit conversion, which copies a short (inline) string to the heap.
    let rc = topic.withCString {
      mosquitto_publish_v5(
        core.handle.pointer, &mid, $0, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue, retain,
        list?.pointer)
    }
    let errnoValue = errno
    withExtendedLifetime(list) {}
    switch rc {
    case MOSQ_ERR_SUCCESS.rawValue:
      // Nobody waits for a publish to be recorded, so no wake-up.
      core.state.withLock { state in
        if qos == .exactlyOnce { state.exactlyOnceSent += 1 }
        if !state.earlyAcks.isEmpty, let index = state.earlyAcks.firstIndex(where: { $0.mid == mid }) {
          let early = state.earlyAcks.remove(at: index)
          state.completed += 1
          if early.reason >= 0x80 { state.rejections.append(Rejection(tag: tag, reasonCode: early.reason)) }
        } else {
          state.pending.insert(mid, tag: tag)
        }
      }
    case MOSQ_ERR_CONN_LOST.rawValue where callerDriven, MOSQ_ERR_ERRNO.rawValue where callerDriven:
      // On the owner's thread, publish writes the packet itself and meets a broken socket first.
      throw core.recordFailure(rc, errnoValue: errnoValue)
    case MOSQ_ERR_NO_CONN.rawValue, MOSQ_ERR_CONN_LOST.rawValue:
      if let failure = core.state.withLock({ $0.failure }) { throw failure }
      guard reconnects else { throw .connectionLost(reason: "not connected") }
      if qos != .atMostOnce {
        // libmosquitto queued it and sends it again once the network thread has reconnected.
        core.state.withLock { $0.pending.insert(mid, tag: tag) }
        return
      }
      // A QoS 0 message is not queued: send it once the connection is back.
      let failure: MQTTError? = core.state.wait(until: nil) { state in
        state.failure.map { .some($0) } ?? (state.connected ? .some(nil) : nil)
      } ?? nil
      if let failure { throw failure }
      try publish(topic: topic, bytes: bytes, qos: qos, retain: retain, properties: properties, tag: tag)
    case MOSQ_ERR_PAYLOAD_SIZE.rawValue:
      throw .payloadTooLarge(size: bytes.count, limit: Int(MQTT_MAX_PAYLOAD))
    case MOSQ_ERR_OVERSIZE_PACKET.rawValue:
      let limit = core.state.withLock { $0.brokerMaximumPacketSize } ?? Int(MQTT_MAX_PAYLOAD)
      throw .payloadTooLarge(size: bytes.count, limit: limit)
    case MOSQ_ERR_INVAL.rawValue where topic.isEmpty || topic.contains("+") || topic.contains("#"):
      throw .invalidTopic(topic, reason: "wildcards '+' and '#' are only allowed in subscriptions")
    case MOSQ_ERR_MALFORMED_UTF8.rawValue:
      throw .invalidTopic(topic, reason: "not valid UTF-8")
    case MOSQ_ERR_QOS_NOT_SUPPORTED.rawValue:
      throw .qosNotSupported(requested: Int(qos.rawValue), maximum: core.state.withLock { $0.brokerMaximumQoS })
    default:
      throw .library(operation: "publish to '\(topic)'", code: rc)
    }
  }

  /// Whether the network thread reconnects after a drop (``ConnectOptions/reconnect``).
  private var reconnects: Bool {
    if callerDriven { return false }
    if case .never = options.reconnect { return false }
    return true
  }

  /// Blocks while `limit` or more publishes await completion. Throws if the connection is lost.
  ///
  /// - Parameter batch: once the window is full, how many slots must be free before the wait ends.
  ///   More than one saves a wake-up per completion when completions are local (QoS 0 packets
  ///   written); for acknowledged QoS keep 1, because a publish sent at once after each PUBACK also
  ///   carries the TCP acknowledgement that a broker's next PUBACK may be held for (Nagle's algorithm
  ///   against delayed ACKs: 40 ms per acknowledgement otherwise).
  public func waitForWindow(below limit: Int, batch: Int = 1) throws(MQTTError) {
    let lowWater = limit - min(max(batch, 1), limit)
    let failure: MQTTError? = wait(until: nil) { state in
      if let failure = state.failure { return .some(failure) }
      if state.pending.count < limit && state.wakeAtPendingCount == .max { return .some(nil) }
      if state.pending.count <= lowWater {
        state.wakeAtPendingCount = .max
        return .some(nil)
      }
      state.wakeAtPendingCount = lowWater
      return nil
    } ?? nil
    if let failure { throw failure }
  }

  /// Waits until every publish is complete, the connection is lost, or `deadline` passes.
  public func drain(until deadline: Deadline?) -> DeliveryReport {
    _ = wait(until: deadline) { state in
      if state.pending.isEmpty || state.failure != nil { return true }
      state.wakeAtPendingCount = 0
      return nil
    }
    core.state.withLock { $0.wakeAtPendingCount = .max }
    return deliveryReport()
  }

  /// What happened to the publishes so far.
  public func deliveryReport() -> DeliveryReport {
    core.state.withLock { state in
      DeliveryReport(
        completed: state.completed, pendingTags: state.pending.sortedTags(), rejections: state.rejections)
    }
  }

  /// Whether the connection ended with QoS 2 publishes sent and none of this session's publishes
  /// completed: what a broker without QoS 2 (RabbitMQ) does, which may still have delivered them.
  public var closedOnExactlyOnce: Bool {
    core.state.withLock { $0.failure != nil && $0.exactlyOnceSent > 0 && $0.completed == 0 }
  }

  /// Why the connection ended, if it has.
  public var failure: MQTTError? { core.state.withLock { $0.failure } }

  /// How many times a CONNACK accepted this session (1 after `connect`, more after reconnects).
  public var connectionCount: Int { core.state.withLock { $0.connections } }

  /// The MQTT 5 subscription option that keeps a client's own publishes from coming back to it.
  public static let noLocal = Int32(MQTT_SUB_OPT_NO_LOCAL.rawValue)

  /// Subscribes and waits for the SUBACK; throws if the broker refuses any filter.
  ///
  /// - Parameter options: MQTT 5 subscription options (`MQTT_SUB_OPT_*`), ignored for 3.1.1.
  /// - Returns: the QoS the broker granted for each filter.
  @discardableResult
  public func subscribe(_ filters: [String], qos: QoS, options: Int32 = 0, timeout: Double = 10)
    throws(MQTTError) -> [QoS]
  {
    do { for filter in filters { try Topic.checkFilter(filter) } } catch { throw MQTTError(error) }
    let subscription = Subscription(filters: filters, qos: qos, options: options)
    let mid = try core.sendSubscribe(subscription)
    let outcome: Result<[Int32], MQTTError>? = wait(until: .after(seconds: timeout)) { state in
      if let granted = state.subacks.removeValue(forKey: mid) { return .success(granted) }
      if let failure = state.failure { return .failure(failure) }
      return nil
    }
    switch outcome {
    case .success(let granted):
      for (filter, code) in zip(filters, granted) where code >= 0x80 {
        throw .subscribeRejected(filter: filter, reasonCode: Int(code))
      }
      core.state.update { $0.subscriptions.append(subscription) }
      return granted.map { QoS(rawValue: $0) ?? .atMostOnce }
    case .failure(let error):
      throw error
    case nil:
      throw .library(operation: "subscribing to \(filters.joined(separator: ", "))", code: MOSQ_ERR_TIMEOUT.rawValue)
    }
  }

  /// The next received message, or `nil` once `deadline` passes. Throws when the connection is lost
  /// for good and no message is left.
  public func nextMessage(until deadline: Deadline?) throws(MQTTError) -> Message? {
    // Popping frees queue space the network thread may be waiting for, hence `signal`.
    let outcome: Result<Message, MQTTError>? = wait(until: deadline, signal: true) { state in
      if let message = state.messages.popFirst() { return .success(message) }
      if let failure = state.failure { return .failure(failure) }
      return nil
    }
    switch outcome {
    case .success(let message): return message
    case .failure(let error): throw error
    case nil: return nil
    }
  }

  /// The next received message that `matches` accepts (the others are dropped), or `nil` once `deadline`
  /// passes.
  public func nextMessage(until deadline: Deadline?, where matches: (Message) -> Bool) throws(MQTTError) -> Message? {
    while let message = try nextMessage(until: deadline) {
      if matches(message) { return message }
    }
    return nil
  }

  /// Returns once `fd` has input (or has reached its end or an error, for `read` to report). A
  /// session on ``LoopDriver/caller`` runs libmosquitto's loop meanwhile, which reads acknowledgements
  /// and sends keepalive pings; one with a network thread returns at once.
  public func awaitReadable(_ fd: Int32) throws(MQTTError) {
    if let failure = core.state.withLock({ $0.failure }) { throw failure }
    guard callerDriven else { return }
    let mosq = core.handle.pointer
    while true {
      core.noteInterruption()
      if let failure = core.state.withLock({ $0.failure }) { throw failure }
      let socketEvents = mosquitto_want_write(mosq) ? POLLIN | POLLOUT : POLLIN
      var watched = [
        pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
        pollfd(fd: mosquitto_socket(mosq), events: Int16(socketEvents), revents: 0),
      ]
      // A second at most, so that keepalive pings go out while the input is quiet.
      let ready = poll(&watched, 2, 1000)
      if ready < 0 {
        if errno == EINTR { continue }
        return
      }
      if ready == 0 || watched[1].revents != 0 {
        if let failure = core.pumpOnce(until: .now) { throw failure }
      }
      if watched[0].revents != 0 { return }
    }
  }

  /// Sends DISCONNECT (if connected), stops the network thread and waits for it.
  public func close() {
    guard !closed else { return }
    closed = true
    defer { Interruption.unregister(core) }
    let wasConnected = core.state.update { state -> Bool in
      state.stopRequested = true
      return state.connected
    }
    if wasConnected {
      let ending = core.options.endsSessionOnClose ? PropertyList() : nil
      try? ending?.addInt32(MQTT_PROP_SESSION_EXPIRY_INTERVAL, 0, "session-expiry-interval")
      mosquitto_disconnect_v5(core.handle.pointer, 0, ending?.pointer)
      withExtendedLifetime(ending) {}
    }
    if let thread {
      pthread_join(thread, nil)
      // The network thread may have seen the stop before the DISCONNECT was queued, and ended without
      // writing it: the broker would take the close for a drop and publish the will.
      if wasConnected && mosquitto_socket(core.handle.pointer) >= 0 { _ = mosquitto_loop_write(core.handle.pointer, 1) }
    }
    // DISCONNECT is usually written at once; if the socket was full, the loop finishes the queue.
    if callerDriven && wasConnected { _ = wait(until: .after(seconds: 1)) { $0.connected ? nil : true } }
    if wasConnected && core.options.endsSessionOnClose && core.options.protocolVersion != .v5 {
      Self.discardSession(core.options)
    }
  }

  /// Ends the session under `options`' client id (``ConnectOptions/holdSessionForRun()``): the broker
  /// drops it for a connect with a clean session, which keeps none itself.
  private static func discardSession(_ options: ConnectOptions) {
    var clean = options
    clean.cleanSession = true
    clean.sessionExpiry = nil
    clean.endsSessionOnClose = false
    clean.discardsEarlierSession = false
    clean.reconnect = .never
    clean.will = nil
    guard let session = try? Session(clean, loop: .caller), (try? session.connect()) != nil else { return }
    session.close()
  }
}
