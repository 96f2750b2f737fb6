import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The part of a session the network thread and callbacks reach: options, handle and shared state.
final class SessionCore: Sendable {
  let options: ConnectOptions
  let handle: MosquittoHandle
  let state = ConditionLock(SessionState())
  /// Whether libmosquitto's loop runs on the owner's thread (``LoopDriver/caller``) rather than a
  /// network thread of the session's own.
  let callerDriven: Bool

  /// Whether every libmosquitto log line goes to ``ConnectOptions/logSink`` (`-d`), or only errors are kept.
  var keepsLog: Bool { options.logSink != nil }

  init(_ options: ConnectOptions, callerDriven: Bool) throws(MQTTError) {
    self.options = options
    self.callerDriven = callerDriven
    if !options.cleanSession && options.clientID == nil {
      throw .invalidOption("a persistent session (-c) needs a client id; add -i ID")
    }
    let clientID = options.clientID ?? Self.randomClientID()
    guard let pointer = mosquitto_new(clientID, options.cleanSession, nil) else {
      throw .library(operation: "creating the client", code: MOSQ_ERR_NOMEM.rawValue)
    }
    handle = MosquittoHandle(pointer: pointer)
    mosquitto_user_data_set(pointer, Unmanaged.passUnretained(self).toOpaque())
    do {
      try HandleSetup.configure(pointer, options, threaded: !callerDriven)
    } catch {
      mosquitto_destroy(pointer)
      throw error
    }
    installCallbacks()
  }

  static func randomClientID() -> String {
    var generator = SystemRandomNumberGenerator()
    let suffix = String(generator.next() as UInt32, radix: 16)
    return "iotctl-\(getpid())-\(suffix)"
  }

  func connectProperties() throws(MQTTError) -> PropertyList? {
    guard options.protocolVersion == .v5 else { return nil }
    let list = PropertyList()
    if let expiry = options.sessionExpiry {
      try list.addInt32(MQTT_PROP_SESSION_EXPIRY_INTERVAL, expiry, "session-expiry-interval")
    }
    try list.addUserProperties(options.connectUserProperties)
    return list.pointer == nil ? nil : list
  }

  /// Sends a SUBSCRIBE and returns its message id.
  func sendSubscribe(_ subscription: Subscription) throws(MQTTError) -> Int32 {
    var mid: Int32 = 0
    let options = self.options.protocolVersion == .v5 ? subscription.options : 0
    var cStrings = subscription.filters.map { strdup($0) }
    defer { cStrings.forEach { free($0) } }
    let rc = cStrings.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<CChar>?.self, capacity: buffer.count) {
        mosquitto_subscribe_multiple(
          handle.pointer, &mid, Int32(buffer.count), $0, subscription.qos.rawValue, options, nil)
      }
    }
    if rc == MOSQ_ERR_NO_CONN.rawValue {
      throw state.withLock { $0.failure } ?? .connectionLost(reason: "not connected")
    }
    guard rc == MOSQ_ERR_SUCCESS.rawValue else {
      throw .library(operation: "subscribe to \(subscription.filters.joined(separator: ", "))", code: rc)
    }
    return mid
  }
}
