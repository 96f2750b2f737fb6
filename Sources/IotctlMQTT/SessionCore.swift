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
      try configure()
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

  private func check(_ rc: Int32, _ what: @autoclosure () -> String) throws(MQTTError) {
    guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .invalidOption("\(what()): \(strerror(rc))") }
  }

  private func strerror(_ rc: Int32) -> String { String(cString: mosquitto_strerror(rc)).lowercased() }

  private func configure() throws(MQTTError) {
    let mosq = handle.pointer
    // Threaded mode only queues packets for the network thread; otherwise publish writes them at once.
    mosquitto_threaded_set(mosq, !callerDriven)
    try check(
      mosquitto_int_option(mosq, MOSQ_OPT_PROTOCOL_VERSION, options.protocolVersion.mosquittoValue),
      "protocol version")
    if options.noDelay { mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1) }
    // MQTT 3.1.1 cannot say how many messages a broker takes in flight; mosquitto takes 20 QoS 2
    // messages and drops the rest ("quota exceeded") without a word. MQTT 5 brokers announce their
    // Receive Maximum, which libmosquitto applies.
    let window = options.protocolVersion == .v5 ? options.maxInflight : min(options.maxInflight, ConnectOptions.mqtt311Inflight)
    mosquitto_max_inflight_messages_set(mosq, UInt32(max(window, 1)))
    if options.protocolVersion == .v5 {
      mosquitto_int_option(mosq, MOSQ_OPT_SEND_MAXIMUM, Int32(min(max(options.maxInflight, 1), 65535)))
    }
    if options.username != nil || options.password != nil {
      try check(mosquitto_username_pw_set(mosq, options.username, options.password), "user name or password")
    }
    if let will = options.will {
      do { try Topic.checkPublish(will.topic) } catch { throw MQTTError(error) }
      let rc = will.payload.withUnsafeBytes {
        mosquitto_will_set_v5(
          mosq, will.topic, Int32(clamping: $0.count), $0.baseAddress, will.qos.rawValue, will.retain, nil)
      }
      try check(rc, "will topic '\(will.topic)'")
    }
    if let tls = options.tls { try configureTLS(tls) }
    if let proxy = options.proxy {
      try check(
        mosquitto_socks5_set(mosq, proxy.host, Int32(proxy.port), proxy.username, proxy.password),
        "SOCKS5 proxy \(proxy.host):\(proxy.port)")
    }
  }

  private func configureTLS(_ tls: TLSOptions) throws(MQTTError) {
    let mosq = handle.pointer
    for (flag, path) in [("--cafile", tls.caFile), ("--cert", tls.certFile), ("--key", tls.keyFile)] {
      if let path, access(path, R_OK) != 0 {
        throw .invalidOption("cannot read \(flag) file '\(path)': \(String(cString: Glibc.strerror(errno)))")
      }
    }
    if let path = tls.caPath, access(path, R_OK | X_OK) != 0 {
      throw .invalidOption("cannot read --capath directory '\(path)': \(String(cString: Glibc.strerror(errno)))")
    }
    if (tls.certFile == nil) != (tls.keyFile == nil) {
      throw .invalidOption("a client certificate needs both --cert and --key")
    }
    if tls.useOSCertificates || (tls.caFile == nil && tls.caPath == nil) {
      try check(mosquitto_int_option(mosq, MOSQ_OPT_TLS_USE_OS_CERTS, 1), "OS trust store")
    }
    if tls.caFile != nil || tls.caPath != nil || tls.certFile != nil {
      try check(
        mosquitto_tls_set(mosq, tls.caFile, tls.caPath, tls.certFile, tls.keyFile, nil),
        "TLS files (--cafile, --capath, --cert, --key)")
    }
    if tls.insecure || tls.version != nil || tls.ciphers != nil {
      try check(
        mosquitto_tls_opts_set(mosq, tls.insecure ? 0 : 1, tls.version, tls.ciphers),
        "--tls-version \(tls.version ?? "") / --ciphers")
    }
    if tls.insecure { try check(mosquitto_tls_insecure_set(mosq, true), "--insecure") }
    if let alpn = tls.alpn { try check(mosquitto_string_option(mosq, MOSQ_OPT_TLS_ALPN, alpn), "--tls-alpn") }
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
