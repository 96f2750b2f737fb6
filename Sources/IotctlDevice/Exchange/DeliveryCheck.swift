import IotctlMQTT

extension Session {
  /// Throws unless every publish on this session was completed: the broker's rejection, a dropped
  /// connection or a missing acknowledgement, each with the first unconfirmed message.
  ///
  /// - Parameters:
  ///   - unit: how the caller's tags read in a message, such as "line" or "message".
  ///   - nextUnsent: the tag of the first message never handed to the session, if any.
  public func confirmDelivery(
    of total: Int, unit: String, nextUnsent: UInt64? = nil, waitSeconds: Double
  ) throws(DeviceError) {
    let report = drain(until: .after(seconds: waitSeconds))
    if let first = report.rejections.min(by: { $0.tag < $1.tag }) {
      throw DeviceError(
        .publishFailed,
        "broker rejected \(report.rejections.count) of \(total) messages, first at \(unit) \(first.tag): "
          + "\(reasonText(first.reasonCode)) (reason \(first.reasonCode))")
    }
    if let failure, case .interrupted(let signal) = failure {
      // An interruption while waiting for input leaves nothing unsent behind it.
      let firstPending = report.pendingTags.first
      let confirmed = "\(report.completed) of \(total) sent messages were acknowledged"
      var error = DeviceError(
        .interrupted(signal: signal),
        "\(failure.description); \(confirmed)" + (firstPending.map { "; nothing from \(unit) \($0) on is confirmed delivered" } ?? ""))
      error.firstUnconfirmed = firstPending
      throw error
    }
    guard let firstPending = report.pendingTags.first ?? (failure != nil ? nextUnsent : nil) else { return }
    let confirmed = "\(report.completed) of \(total) sent messages were acknowledged"
    let tail = "nothing from \(unit) \(firstPending) on is confirmed delivered"
    if let failure {
      let hint =
        closedOnExactlyOnce
        ? "; the broker closed the connection after a QoS 2 publish, as brokers without QoS 2 do (RabbitMQ), "
          + "and may still have delivered it: publish with -q 1" : ""
      var error = DeviceError(.connectionLost, "\(failure.description); \(confirmed); \(tail)\(hint)")
      error.firstUnconfirmed = firstPending
      throw error
    }
    var error = DeviceError(
      .publishFailed,
      "\(report.pendingTags.count) messages not acknowledged within \(Seconds.format(waitSeconds)) s; \(confirmed); \(tail)")
    error.firstUnconfirmed = firstPending
    throw error
  }
}

