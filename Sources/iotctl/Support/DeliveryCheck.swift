import IotctlMQTT

/// Turns a session's delivery report into success or one clear error.
enum DeliveryCheck {
  /// Throws unless every publish was completed.
  ///
  /// - Parameters:
  ///   - unit: how the caller's tags read in a message, such as "line" or "message".
  ///   - nextUnsent: the tag of the first message never handed to the session, if any.
  static func verify(
    _ session: Session, total: Int, unit: String, nextUnsent: UInt64? = nil, waitSeconds: Double
  ) throws {
    let report = session.drain(until: .after(seconds: waitSeconds))
    if let first = report.rejections.min(by: { $0.tag < $1.tag }) {
      throw CLIError(
        .publishFailed,
        "broker rejected \(report.rejections.count) of \(total) messages, first at \(unit) \(first.tag): "
          + "\(reasonText(first.reasonCode)) (reason \(first.reasonCode))")
    }
    guard let firstPending = report.pendingTags.first ?? (session.failure != nil ? nextUnsent : nil) else {
      Diagnostics.debug("\(report.completed) of \(total) messages delivered")
      return
    }
    let confirmed = "\(report.completed) of \(total) sent messages were acknowledged"
    let tail = "nothing from \(unit) \(firstPending) on is confirmed delivered"
    if let failure = session.failure {
      throw CLIError(.connectionLost, "\(failure.description); \(confirmed); \(tail)")
    }
    throw CLIError(
      .publishFailed,
      "\(report.pendingTags.count) messages not acknowledged within \(Int(waitSeconds)) s; \(confirmed); \(tail)")
  }
}
