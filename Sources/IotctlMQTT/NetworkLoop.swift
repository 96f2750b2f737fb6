import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension SessionCore {
  /// The body of the network thread: connect, then loop, reconnecting as the policy allows.
  func runNetworkLoop() {
    defer { state.update { $0.threadFinished = true } }
    let mosq = handle.pointer
    let properties: PropertyList?
    do {
      properties = try connectProperties()
    } catch {
      state.update { $0.failure = error }
      return
    }
    let rc = mosquitto_connect_bind_v5(
      mosq, options.host, Int32(options.port), Int32(options.keepalive), options.bindAddress, properties?.pointer)
    guard rc == MOSQ_ERR_SUCCESS.rawValue else {
      let failure = connectFailure(rc, errnoValue: errno)
      state.update { $0.failure = failure }
      return
    }
    var attempts = 0
    // Why the connection dropped, and why the last reconnect attempt failed: the report names both.
    var drop: MQTTError?
    var lastAttempt: String?
    while true {
      acknowledgeQuickly()
      let rc = mosquitto_loop(mosq, 250, 1)
      let errnoValue = errno
      let (stop, connected) = state.withLock { ($0.stopRequested, $0.connected) }
      if stop { return }
      if rc == MOSQ_ERR_SUCCESS.rawValue {
        if connected { (attempts, drop, lastAttempt) = (0, nil, nil) }
        continue
      }
      var (reason, isFinal) = loopFailure(rc, errnoValue: errnoValue)
      if let drop, !isFinal || rc == MOSQ_ERR_NO_CONN.rawValue {
        let plural = attempts == 1 ? "attempt" : "attempts"
        reason = .connectionLost(
          reason: "\(drop.lostReasonText); \(attempts) reconnect \(plural) failed, the last: \(lastAttempt ?? reason.lostReasonText)")
      }
      if isFinal || !mayReconnect(after: attempts) {
        state.update {
          $0.connected = false
          $0.failure = reason
        }
        return
      }
      if drop == nil { drop = reason }
      attempts += 1
      if !sleepBeforeReconnect(attempt: attempts) { return }
      state.update { $0.connack = nil }
      // A failed attempt also shows up as an error from the next `mosquitto_loop`, counted above.
      let attempt = mosquitto_reconnect(mosq)
      lastAttempt = attempt == MOSQ_ERR_SUCCESS.rawValue ? nil : connectFailure(attempt, errnoValue: errno).lostReasonText
    }
  }

  /// Why the connection ended after `mosquitto_loop` returned `rc`, and whether that is final: a
  /// refused login, or a first connection that never got its CONNACK, is not worth retrying.
  func loopFailure(_ rc: Int32, errnoValue: Int32) -> (reason: MQTTError, isFinal: Bool) {
    let (everConnected, refusal) = state.withLock { state in
      (state.connections > 0, state.connack.flatMap { $0 == 0 ? nil : $0 })
    }
    if let refusal {
      let refused = ConnectRefusal(code: refusal, isV5: options.protocolVersion == .v5)
      return (.refused(refused), refused.isAuthorization || !everConnected)
    }
    // A non-blocking connect reports a refused or unreachable broker only here.
    if !everConnected, rc == MOSQ_ERR_ERRNO.rawValue,
      [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT].contains(errnoValue)
    {
      return (connectFailure(rc, errnoValue: errnoValue), true)
    }
    return (lostReason(rc, errnoValue: errnoValue, beforeConnack: !everConnected), !everConnected)
  }

  /// Runs libmosquitto's loop once on the owner's thread (``LoopDriver/caller``), for at most a second
  /// or until `deadline`. Returns why the connection ended, or `nil` while it lasts.
  func pumpOnce(until deadline: Deadline?) -> MQTTError? {
    let milliseconds = deadline.map { Int32(min($0.secondsRemaining * 1000, 1000).rounded(.up)) } ?? 1000
    acknowledgeQuickly()
    let rc = mosquitto_loop(handle.pointer, milliseconds, 1)
    let errnoValue = errno
    return rc == MOSQ_ERR_SUCCESS.rawValue ? nil : recordFailure(rc, errnoValue: errnoValue)
  }

  /// With ``ConnectOptions/quickAck``, puts the socket in quick-ACK mode before a read: the kernel
  /// leaves that mode on its own, so once per loop.
  func acknowledgeQuickly() {
    guard options.quickAck else { return }
    let socket = mosquitto_socket(handle.pointer)
    guard socket >= 0 else { return }
    var on: Int32 = 1
    setsockopt(socket, Int32(IPPROTO_TCP), TCP_QUICKACK, &on, socklen_t(MemoryLayout<Int32>.size))
  }

  /// Marks the connection ended by libmosquitto's `rc` on the owner's thread and returns the reason:
  /// the first one recorded, since later calls only see a closed socket.
  func recordFailure(_ rc: Int32, errnoValue: Int32) -> MQTTError {
    let (reason, _) = loopFailure(rc, errnoValue: errnoValue)
    return state.update { state in
      state.connected = false
      if state.failure == nil && !state.stopRequested { state.failure = reason }
      return state.failure ?? reason
    }
  }

  private func mayReconnect(after attempts: Int) -> Bool {
    switch options.reconnect {
    case .never: false
    case .attempts(let limit): attempts < limit
    case .forever: true
    }
  }

  /// Sleeps 0.5 s, doubling per attempt up to 10 s; returns `false` if the owner asked to stop.
  private func sleepBeforeReconnect(attempt: Int) -> Bool {
    let delay = min(0.5 * Double(1 << min(attempt - 1, 5)), 10)
    let stopped = state.wait(until: .after(seconds: delay)) { $0.stopRequested ? true : nil }
    return stopped == nil
  }

  func connectFailure(_ rc: Int32, errnoValue: Int32) -> MQTTError {
    let target = options.proxy.map { "\(options.host) via proxy \($0.host):\($0.port)" } ?? options.host
    switch rc {
    case MOSQ_ERR_ERRNO.rawValue:
      return .unreachable(host: target, port: options.port, reason: String(cString: strerror(errnoValue)).lowercased())
    case MOSQ_ERR_EAI.rawValue:
      return .unreachable(host: target, port: options.port, reason: "host name not found")
    case MOSQ_ERR_TLS.rawValue:
      let detail = state.withLock { $0.lastLoggedError } ?? "TLS error"
      return .tlsFailed(host: options.host, port: options.port, reason: detail)
    default:
      return .unreachable(
        host: target, port: options.port, reason: String(cString: mosquitto_strerror(rc)).lowercased())
    }
  }

  private func lostReason(_ rc: Int32, errnoValue: Int32, beforeConnack: Bool) -> MQTTError {
    let logged = state.withLock { $0.lastLoggedError }
    if beforeConnack {
      if options.tls != nil {
        return .tlsFailed(
          host: options.host, port: options.port, reason: logged ?? String(cString: mosquitto_strerror(rc)))
      }
      return .unreachable(
        host: options.host, port: options.port,
        reason: "the connection closed before CONNACK (\(logged ?? describe(rc, errnoValue))); "
          + (options.protocolVersion == .v5
            ? "a broker without MQTT 5 (RabbitMQ 3) closes such a connection: try -V 311; or is it not an MQTT port, or does it need TLS (--cafile)?"
            : "is it an MQTT port, and does it need TLS (--cafile) or another -V?"))
    }
    return .connectionLost(reason: logged ?? describe(rc, errnoValue))
  }

  private func describe(_ rc: Int32, _ errnoValue: Int32) -> String {
    switch rc {
    case MOSQ_ERR_ERRNO.rawValue: String(cString: strerror(errnoValue)).lowercased()
    case MOSQ_ERR_CONN_LOST.rawValue: "the broker closed the connection"
    case MOSQ_ERR_KEEPALIVE.rawValue: "the broker did not answer the keepalive ping"
    default: Self.sentence(mosquitto_strerror(rc))
    }
  }

  /// libmosquitto's text for an error, lower-cased and without its full stop, to sit inside a sentence.
  static func sentence(_ text: UnsafePointer<CChar>) -> String {
    var words = String(cString: text).lowercased()
    if words.hasSuffix(".") { words.removeLast() }
    return words
  }
}
