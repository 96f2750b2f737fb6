import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Applies ``ConnectOptions`` to a libmosquitto handle, for a ``Session`` and for a fleet's clients alike.
enum HandleSetup {
  private static func check(_ rc: Int32, _ what: @autoclosure () -> String) throws(MQTTError) {
    guard rc == MOSQ_ERR_SUCCESS.rawValue else { throw .invalidOption("\(what()): \(strerror(rc))") }
  }

  private static func strerror(_ rc: Int32) -> String { String(cString: mosquitto_strerror(rc)).lowercased() }

  /// Applies `options` to a new handle: protocol, in-flight window, credentials, will, TLS and proxy.
  /// - Parameter threaded: whether a network thread of libmosquitto's own will drive it.
  static func configure(_ mosq: OpaquePointer, _ options: ConnectOptions, threaded: Bool) throws(MQTTError) {
    // Threaded mode only queues packets for the network thread; otherwise publish writes them at once.
    mosquitto_threaded_set(mosq, threaded)
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
    if let tls = options.tls { try configureTLS(mosq, tls) }
    if let proxy = options.proxy {
      try check(
        mosquitto_socks5_set(mosq, proxy.host, Int32(proxy.port), proxy.username, proxy.password),
        "SOCKS5 proxy \(proxy.host):\(proxy.port)")
    }
  }

  private static func configureTLS(_ mosq: OpaquePointer, _ tls: TLSOptions) throws(MQTTError) {
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
}
