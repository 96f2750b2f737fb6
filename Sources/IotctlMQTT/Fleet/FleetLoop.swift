import CMosquitto
import CSystem

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What a ``FleetLoop`` reports about its clients. Each call names the client by its index and comes
/// on the loop's thread, inside ``FleetLoop/run(for:)``.
public protocol FleetObserver: AnyObject {
  /// The broker's CONNACK: 0 accepted, else the refusal code.
  func fleetClient(_ index: Int, connected code: Int)
  /// The connection ended; `reason` says why.
  func fleetClient(_ index: Int, lost reason: MQTTError)
  /// A publish at QoS 1 or 2 was acknowledged (PUBACK or PUBCOMP); `reason` ≥ 0x80 is a refusal.
  func fleetClient(_ index: Int, completed mid: Int32, reason: Int)
  /// A message arrived on a subscription.
  func fleetClient(_ index: Int, received message: Message)
}

/// Many MQTT clients on one thread and one epoll set, with no thread per client: each libmosquitto
/// handle is driven through its socket with `mosquitto_loop_read`, `mosquitto_loop_write` and
/// `mosquitto_loop_misc`. The fleet simulator runs its devices on it.
///
/// Use it from one thread. Connecting waits for the TCP handshake (libmosquitto sends nothing on a
/// socket still connecting unless its own loop drives it), so against a remote broker each connect
/// costs one round trip.
public final class FleetLoop {
  private let epoll: Int32
  private var clients: [FleetClient] = []
  private var events: [epoll_event]
  private var lastMisc = Deadline.after(seconds: 0)
  public weak var observer: FleetObserver?

  public init() throws(MQTTError) {
    precondition(libraryReady)
    epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard epoll >= 0 else {
      throw .library(operation: "creating the event loop (epoll)", code: MOSQ_ERR_ERRNO.rawValue)
    }
    events = Array(repeating: epoll_event(), count: 1024)
  }

  deinit {
    for client in clients { mosquitto_destroy(client.pointer) }
    close(epoll)
  }

  /// Adds a client with `options` (its client id, credentials, will, TLS) and returns its index. It
  /// does not connect yet.
  public func add(_ options: ConnectOptions) throws(MQTTError) -> Int {
    let clientID = options.clientID ?? SessionCore.randomClientID()
    guard let pointer = Self.withoutWakeupPipe({ mosquitto_new(clientID, options.cleanSession, nil) }) else {
      throw .library(operation: "creating client \(clientID)", code: MOSQ_ERR_NOMEM.rawValue)
    }
    do {
      try HandleSetup.configure(pointer, options, threaded: false)
    } catch {
      mosquitto_destroy(pointer)
      throw error
    }
    let client = FleetClient(index: clients.count, pointer: pointer, options: options, loop: self)
    clients.append(client)
    client.installCallbacks()
    return client.index
  }

  /// Makes room for `count` more connections: raises the soft open-file limit towards the hard one, and
  /// throws when even that is too few, before any client connects.
  public static func reserveDescriptors(_ count: Int) throws(MQTTError) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
    // Descriptors already open, and a margin for files, the epoll set and the stats output.
    let needed = rlim_t(clamping: count) &+ rlim_t(max(fcntl(0, F_DUPFD_CLOEXEC, 0), 0)) &+ 64
    if limit.rlim_cur < needed {
      var raised = limit
      raised.rlim_cur = min(needed, limit.rlim_max)
      if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
    }
    guard limit.rlim_cur >= needed else {
      throw .invalidOption(
        "\(count) devices need \(needed) open files, but this process may open \(limit.rlim_cur) (ulimit -n, hard limit \(limit.rlim_max)); raise the limit or split the fleet with --shard K/N")
    }
  }

  /// Seconds client `index` waits for its CONNACK.
  public func connectTimeout(_ index: Int) -> Double { clients[index].options.connectTimeout }

  /// The protocol client `index` speaks.
  public func protocolVersion(_ index: Int) -> ProtocolVersion { clients[index].options.protocolVersion }

  /// Runs `body` (`mosquitto_new`) with the open-file limit lowered to the lowest free descriptor.
  ///
  /// libmosquitto opens a socket pair per client, which only its own loop reads, to wake a thread
  /// blocked in `select`; if that fails it logs a warning and does without. A fleet has no such
  /// thread, and three descriptors per device instead of one would cap a fleet at a third of
  /// `ulimit -n`. The loop is the only thread that opens descriptors while it builds the fleet.
  private static func withoutWakeupPipe<T>(_ body: () -> T) -> T {
    var limit = rlimit()
    let lowestFree = fcntl(0, F_DUPFD_CLOEXEC, 0)
    guard lowestFree >= 0, getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return body() }
    close(lowestFree)
    var lowered = limit
    lowered.rlim_cur = rlim_t(lowestFree)
    guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered) == 0 else { return body() }
    defer { setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) }
    return body()
  }

  /// Connects client `index` (again, after a loss); the CONNACK arrives through the observer.
  public func connect(_ index: Int) throws(MQTTError) {
    let client = clients[index]
    let options = client.options
    let rc =
      client.everConnected
      ? mosquitto_reconnect(client.pointer)
      : mosquitto_connect_bind(client.pointer, options.host, Int32(options.port), Int32(options.keepalive), options.bindAddress)
    let errnoValue = errno
    client.everConnected = true
    guard rc == MOSQ_ERR_SUCCESS.rawValue else {
      throw rc == MOSQ_ERR_ERRNO.rawValue
        ? .unreachable(host: options.host, port: options.port, reason: String(cString: strerror(errnoValue)).lowercased())
        : .unreachable(host: options.host, port: options.port, reason: SessionCore.sentence(mosquitto_strerror(rc)))
    }
    client.lostReported = false
    watch(client)
  }

  /// Publishes from client `index` and returns the message id, which ``FleetObserver`` completes at
  /// QoS 1 and 2.
  @discardableResult
  public func publish(
    _ index: Int, topic: String, payload: [UInt8], qos: QoS, retain: Bool = false,
    properties: MessageProperties = MessageProperties()
  ) throws(MQTTError) -> Int32 {
    let client = clients[index]
    let list: PropertyList? = properties.isEmpty ? nil : try PropertyList.publish(properties)
    var mid: Int32 = 0
    let rc = payload.withUnsafeBytes { bytes in
      topic.withCString {
        mosquitto_publish_v5(
          client.pointer, &mid, $0, Int32(clamping: bytes.count), bytes.baseAddress, qos.rawValue, retain, list?.pointer)
      }
    }
    withExtendedLifetime(list) {}
    try settle(client, rc, "publish to \(topic)")
    return mid
  }

  /// Holds client `index`'s writes in the kernel until ``uncork(_:)``, so that a burst of publishes
  /// leaves in as few TCP segments as fit (`TCP_CORK`). Without it, each publish is a segment of its
  /// own: the fleet runs with `TCP_NODELAY`, so that single answers are not held back.
  public func cork(_ index: Int) { setCork(clients[index], on: true) }

  /// Sends what ``cork(_:)`` held back.
  public func uncork(_ index: Int) { setCork(clients[index], on: false) }

  private func setCork(_ client: FleetClient, on: Bool) {
    guard client.watchedSocket >= 0 else { return }
    var value: Int32 = on ? 1 : 0
    setsockopt(client.watchedSocket, Int32(IPPROTO_TCP), TCP_CORK, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  /// Subscribes client `index` to `filters`.
  public func subscribe(_ index: Int, _ filters: [String], qos: QoS) throws(MQTTError) {
    let client = clients[index]
    for filter in filters {
      let rc = mosquitto_subscribe(client.pointer, nil, filter, qos.rawValue)
      try settle(client, rc, "subscribe to \(filter)")
    }
  }

  /// Sends DISCONNECT from client `index` and closes its connection; no loss is reported for it.
  /// Called from an observer's callback, it waits until libmosquitto has returned (which holds the
  /// client's lock meanwhile).
  public func disconnect(_ index: Int) {
    let client = clients[index]
    client.lostReported = true
    client.connected = false
    if dispatching {
      deferredDisconnects.append(client)
      return
    }
    mosquitto_disconnect(client.pointer)
    unwatch(client)
    // libmosquitto closes the socket once the DISCONNECT is written.
    _ = mosquitto_loop_write(client.pointer, 1)
  }

  /// Set while libmosquitto runs callbacks: see ``disconnect(_:)``.
  private var dispatching = false
  private var deferredDisconnects: [FleetClient] = []

  /// Waits up to `seconds` for socket events and handles them, then runs keepalive once a second.
  public func run(for seconds: Double) {
    let milliseconds = Int32(max(0, min(seconds, 1)) * 1000)
    let ready = epoll_wait(epoll, &events, Int32(events.count), milliseconds)
    dispatching = true
    defer {
      dispatching = false
      let deferred = deferredDisconnects
      deferredDisconnects = []
      for client in deferred { disconnect(client.index) }
    }
    if ready > 0 {
      for slot in 0..<Int(ready) {
        let event = events[slot]
        let index = Int(event.data.u64)
        guard index < clients.count else { continue }
        let client = clients[index]
        guard client.watchedSocket >= 0 else { continue }
        if event.events & (EPOLLIN.rawValue | EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
          client.acknowledgeQuickly()
          let rc = mosquitto_loop_read(client.pointer, 1)
          if rc != MOSQ_ERR_SUCCESS.rawValue {
            lose(client, rc, errnoValue: errno)
            continue
          }
        }
        // What the callbacks queued (answers, PUBACKs) goes out now, not after another turn of epoll.
        if event.events & EPOLLOUT.rawValue != 0 || mosquitto_want_write(client.pointer) {
          let rc = mosquitto_loop_write(client.pointer, 1)
          if rc != MOSQ_ERR_SUCCESS.rawValue {
            lose(client, rc, errnoValue: errno)
            continue
          }
        }
        updateInterest(client)
      }
    }
    if lastMisc.hasPassed {
      lastMisc = .after(seconds: 1)
      for client in clients where client.watchedSocket >= 0 {
        let rc = mosquitto_loop_misc(client.pointer)
        if rc != MOSQ_ERR_SUCCESS.rawValue || mosquitto_socket(client.pointer) < 0 {
          lose(client, rc == MOSQ_ERR_SUCCESS.rawValue ? MOSQ_ERR_KEEPALIVE.rawValue : rc, errnoValue: errno)
        } else {
          updateInterest(client)
        }
      }
    }
  }

  // MARK: Inside the loop

  /// After a publish or subscribe: a write that could not finish waits for the socket.
  private func settle(_ client: FleetClient, _ rc: Int32, _ what: @autoclosure () -> String) throws(MQTTError) {
    switch rc {
    case MOSQ_ERR_SUCCESS.rawValue:
      updateInterest(client)
    case MOSQ_ERR_NO_CONN.rawValue:
      throw .connectionLost(reason: "not connected")
    case MOSQ_ERR_CONN_LOST.rawValue, MOSQ_ERR_ERRNO.rawValue:
      let errnoValue = errno
      let reason = lose(client, rc, errnoValue: errnoValue)
      throw reason
    default:
      throw .library(operation: what(), code: rc)
    }
  }

  @discardableResult
  private func lose(_ client: FleetClient, _ rc: Int32, errnoValue: Int32) -> MQTTError {
    let reason: MQTTError
    switch rc {
    case MOSQ_ERR_ERRNO.rawValue: reason = .connectionLost(reason: String(cString: strerror(errnoValue)).lowercased())
    case MOSQ_ERR_KEEPALIVE.rawValue: reason = .connectionLost(reason: "the broker did not answer the keepalive ping")
    case MOSQ_ERR_CONN_LOST.rawValue: reason = .connectionLost(reason: "the broker closed the connection")
    default: reason = .connectionLost(reason: SessionCore.sentence(mosquitto_strerror(rc)))
    }
    unwatch(client)
    client.connected = false
    if !client.lostReported {
      client.lostReported = true
      observer?.fleetClient(client.index, lost: reason)
    }
    return reason
  }

  /// Registers the client's current socket for reading (and writing while libmosquitto has bytes queued).
  private func watch(_ client: FleetClient) {
    unwatch(client)
    let socket = mosquitto_socket(client.pointer)
    guard socket >= 0 else { return }
    client.watchedSocket = socket
    client.wantsWrite = mosquitto_want_write(client.pointer)
    var event = epoll_event()
    event.events = EPOLLIN.rawValue | (client.wantsWrite ? EPOLLOUT.rawValue : 0)
    event.data.u64 = UInt64(client.index)
    epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
  }

  private func unwatch(_ client: FleetClient) {
    guard client.watchedSocket >= 0 else { return }
    // A socket libmosquitto already closed has left the set on its own; the error is harmless.
    epoll_ctl(epoll, EPOLL_CTL_DEL, client.watchedSocket, nil)
    client.watchedSocket = -1
  }

  func updateInterest(_ client: FleetClient) {
    guard client.watchedSocket >= 0 else { return }
    if mosquitto_socket(client.pointer) != client.watchedSocket {
      watch(client)
      return
    }
    let wants = mosquitto_want_write(client.pointer)
    guard wants != client.wantsWrite else { return }
    client.wantsWrite = wants
    var event = epoll_event()
    event.events = EPOLLIN.rawValue | (wants ? EPOLLOUT.rawValue : 0)
    event.data.u64 = UInt64(client.index)
    epoll_ctl(epoll, EPOLL_CTL_MOD, client.watchedSocket, &event)
  }

  fileprivate func connected(_ client: FleetClient, code: Int) {
    client.connected = code == 0
    // A refused connection ends here: the refusal is its report, not a loss.
    if code != 0 { client.lostReported = true }
    observer?.fleetClient(client.index, connected: code)
  }

  fileprivate func completed(_ client: FleetClient, mid: Int32, reason: Int) {
    observer?.fleetClient(client.index, completed: mid, reason: reason)
  }

  fileprivate func received(_ client: FleetClient, _ message: Message) {
    observer?.fleetClient(client.index, received: message)
  }

  fileprivate func brokerDisconnected(_ client: FleetClient, code: Int) {
    guard !client.lostReported else { return }
    unwatch(client)
    client.connected = false
    client.lostReported = true
    let text = code >= 0x80 ? "broker sent DISCONNECT (reason \(code))" : "the broker closed the connection"
    observer?.fleetClient(client.index, lost: .connectionLost(reason: text))
  }
}

/// One client of a ``FleetLoop``: its handle and what the loop knows of its socket.
final class FleetClient {
  let index: Int
  let pointer: OpaquePointer
  let options: ConnectOptions
  unowned let loop: FleetLoop
  var watchedSocket: Int32 = -1
  var wantsWrite = false
  var connected = false
  var everConnected = false
  /// Set once a loss is reported (or the owner disconnected), so that one loss is reported once.
  var lostReported = false

  init(index: Int, pointer: OpaquePointer, options: ConnectOptions, loop: FleetLoop) {
    self.index = index
    self.pointer = pointer
    self.options = options
    self.loop = loop
  }

  /// With ``ConnectOptions/quickAck``, ACKs what the next read takes at once: see `answerAtOnce()`.
  func acknowledgeQuickly() {
    guard options.quickAck, watchedSocket >= 0 else { return }
    var on: Int32 = 1
    setsockopt(watchedSocket, Int32(IPPROTO_TCP), TCP_QUICKACK, &on, socklen_t(MemoryLayout<Int32>.size))
  }

  private static func from(_ raw: UnsafeMutableRawPointer?) -> FleetClient {
    Unmanaged<FleetClient>.fromOpaque(raw!).takeUnretainedValue()
  }

  func installCallbacks() {
    mosquitto_user_data_set(pointer, Unmanaged.passUnretained(self).toOpaque())
    mosquitto_connect_v5_callback_set(pointer) { _, raw, rc, _, _ in
      let client = FleetClient.from(raw)
      client.loop.connected(client, code: Int(rc))
    }
    mosquitto_disconnect_v5_callback_set(pointer) { _, raw, rc, _ in
      let client = FleetClient.from(raw)
      client.loop.brokerDisconnected(client, code: Int(rc))
    }
    mosquitto_publish_v5_callback_set(pointer) { _, raw, mid, reason, _ in
      let client = FleetClient.from(raw)
      client.loop.completed(client, mid: mid, reason: Int(reason))
    }
    mosquitto_message_v5_callback_set(pointer) { _, raw, message, properties in
      guard let raw2 = message?.pointee else { return }
      let client = FleetClient.from(raw)
      let received = Message(
        topic: raw2.topic.map { String(cString: $0) } ?? "",
        payload: raw2.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(raw2.payloadlen))) } ?? [],
        qos: QoS(rawValue: raw2.qos) ?? .atMostOnce, retain: raw2.retain,
        properties: MessageProperties(reading: properties), receivedAt: .now)
      client.loop.received(client, received)
    }
  }
}
