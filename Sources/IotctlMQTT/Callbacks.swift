import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// libmosquitto's callbacks. Each one recovers its `SessionCore` from the user-data pointer, copies
/// what it needs and wakes the owner; none of them blocks on the owner except the message callback,
/// which waits for queue space so that a slow reader slows the socket instead of growing memory.
extension SessionCore {
  static func from(_ raw: UnsafeMutableRawPointer?) -> SessionCore {
    Unmanaged<SessionCore>.fromOpaque(raw!).takeUnretainedValue()
  }

  func installCallbacks() {
    let mosq = handle.pointer
    mosquitto_connect_v5_callback_set(mosq) { _, raw, rc, _, properties in
      SessionCore.from(raw).didConnect(code: Int(rc), properties: properties)
    }
    mosquitto_disconnect_v5_callback_set(mosq) { _, raw, rc, _ in
      SessionCore.from(raw).didDisconnect(code: Int(rc))
    }
    mosquitto_publish_v5_callback_set(mosq) { _, raw, mid, reason, _ in
      SessionCore.from(raw).didComplete(mid: mid, reason: Int(reason))
    }
    mosquitto_subscribe_v5_callback_set(mosq) { _, raw, mid, count, granted, _ in
      let codes = Array(UnsafeBufferPointer(start: granted, count: Int(count)))
      SessionCore.from(raw).state.update { $0.subacks[mid] = codes }
    }
    mosquitto_message_v5_callback_set(mosq) { _, raw, message, properties in
      guard let message else { return }
      SessionCore.from(raw).didReceive(message.pointee, properties: properties)
    }
    // libmosquitto formats a log line for every packet while a log callback is set; without -d only
    // errors are kept, and `didConnect` removes the callback once nothing more is wanted from it.
    mosquitto_log_callback_set(mosq) { _, raw, level, text in
      guard let text else { return }
      let core = SessionCore.from(raw)
      let isError = level & Int32(MOSQ_LOG_ERR) != 0
      guard isError || core.keepsLog else { return }
      let line = String(cString: text)
      core.options.logSink?(line)
      if isError { core.state.withLock { $0.lastLoggedError = line } }
    }
  }

  private func didConnect(code: Int, properties: OpaquePointer?) {
    var maximumPacketSize: UInt32 = 0
    let hasMaximum =
      mosquitto_property_read_int32(
        properties, Int32(MQTT_PROP_MAXIMUM_PACKET_SIZE.rawValue), &maximumPacketSize, false) != nil
    var maximumQoS: UInt8 = 2
    _ = mosquitto_property_read_byte(properties, Int32(MQTT_PROP_MAXIMUM_QOS.rawValue), &maximumQoS, false)
    let resubscribe = state.update { state -> [Subscription] in
      state.connack = code
      guard code == 0 else { return [] }
      state.connected = true
      state.connections += 1
      if hasMaximum { state.brokerMaximumPacketSize = Int(maximumPacketSize) }
      state.brokerMaximumQoS = Int(maximumQoS)
      return state.connections > 1 ? state.subscriptions : []
    }
    // After a reconnect with a clean session the broker has forgotten the subscriptions.
    for subscription in resubscribe { _ = try? sendSubscribe(subscription) }
    // Past CONNACK, a plain connection logs only per-packet lines; a TLS one may still log OpenSSL's
    // reason for a lost connection. Formatting those lines was about a tenth of `pub -l`'s time.
    if code == 0 && !keepsLog && options.tls == nil {
      mosquitto_log_callback_set(handle.pointer, nil)
    }
  }

  private func didDisconnect(code: Int) {
    state.update { state in
      state.connected = false
      if code != 0, !state.stopRequested, options.protocolVersion == .v5, code >= 0x80 {
        state.lastLoggedError = "broker sent DISCONNECT: \(reasonText(code)) (reason \(code))"
      }
    }
  }

  private func didComplete(mid: Int32, reason: Int) {
    state.updateSelectively { state in
      guard let tag = state.pending.remove(mid) else {
        state.earlyAcks.append(EarlyAck(mid: mid, reason: reason))
        return false
      }
      state.completed += 1
      if reason >= 0x80 { state.rejections.append(Rejection(tag: tag, reasonCode: reason)) }
      return state.pending.count <= state.wakeAtPendingCount
    }
  }

  private func didReceive(_ raw: mosquitto_message, properties: OpaquePointer?) {
    let message = Message(
      topic: raw.topic.map { String(cString: $0) } ?? "",
      payload: raw.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(raw.payloadlen))) } ?? [],
      qos: QoS(rawValue: raw.qos) ?? .atMostOnce,
      retain: raw.retain,
      properties: MessageProperties(reading: properties),
      receivedAt: .now)
    // On the owner's thread nobody else could make room: the owner pops before it pumps again.
    _ = state.wait(until: nil) { state in
      (state.messages.count < receiveQueueCapacity && state.messages.bytes < receiveQueueBytes) || state.stopRequested
        || callerDriven ? true : nil
    }
    state.update { $0.messages.append(message) }
  }
}
