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
    let confirmed = "\(report.completed) of \(total) sent messages were acknowledged"
    func reported(_ kind: DeviceError.Kind, _ cause: String, firstPending: UInt64?, hint: String = "") -> DeviceError {
      let tail = firstPending.map { "; nothing from \(unit) \($0) on is confirmed delivered" } ?? ""
      var error = DeviceError(kind, "\(cause); \(confirmed)\(tail)\(hint)")
      error.firstUnconfirmed = firstPending
      return error
    }
    if let failure, case .interrupted(let signal) = failure {
      // An interruption while waiting for input leaves nothing unsent behind it.
      throw reported(.interrupted(signal: signal), failure.description, firstPending: report.pendingTags.first)
    }
    guard let firstPending = report.pendingTags.first ?? (failure != nil ? nextUnsent : nil) else { return }
    if let failure {
      let hint =
        closedOnExactlyOnce
        ? "; the broker closed the connection after a QoS 2 publish, as brokers without QoS 2 do (RabbitMQ), "
          + "and may still have delivered it: publish with -q 1" : ""
      throw reported(.connectionLost, failure.description, firstPending: firstPending, hint: hint)
    }
    throw reported(
      .publishFailed, "\(report.pendingTags.count) messages not acknowledged within \(Seconds.format(waitSeconds)) s",
      firstPending: firstPending)
  }
}

