import IotctlDevice
import IotctlMQTT

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The common one-shot publish (`pub -h/-p -t -m|-n [-q] [-r] [-i] [-u] [-V]`), run without
/// ArgumentParser: its reflection-built argument sets cost more than connecting and publishing (about
/// 9 ms of 15 on the bench machine). Anything else on the line, a repeated flag, a value that looks like a
/// flag or is not plainly valid, or a setting that a context or `IOTCTL_*` could change, returns nil and
/// the full parser runs, so every error message and every other flag behaves as before.
struct QuickPub {
  var options = ConnectOptions()
  var topic = ""
  var payload: [UInt8] = []
  var qos = QoS.atMostOnce
  var retain = false

  /// The plan for `arguments` (without the program name), or nil for the full parser.
  init?(_ arguments: [String], isSet: (String) -> Bool = { getenv($0) != nil }) {
    guard arguments.first == "pub", !["IOTCTL_CONTEXT", "IOTCTL_USERNAME", "IOTCTL_PASSWORD"].contains(where: isSet)
    else { return nil }
    // An array, not a Set: a Set<String> costs a scan of every protocol conformance at start-up.
    var seen: [String] = []
    var hasBroker = false
    var hasPayload = false
    var index = 1
    while index < arguments.count {
      let flag = arguments[index]
      guard !seen.contains(flag) else { return nil }
      seen.append(flag)
      if flag == "-r" {
        retain = true
        index += 1
        continue
      }
      if flag == "-n" {
        hasPayload = true
        index += 1
        continue
      }
      guard index + 1 < arguments.count else { return nil }
      let value = arguments[index + 1]
      guard !value.hasPrefix("-") else { return nil }
      switch flag {
      case "-h" where !value.isEmpty:
        options.host = value
        hasBroker = true
      case "-p":
        // 8883 means TLS, which has its own defaults: the full parser decides.
        guard let port = Int(value), (1...65535).contains(port), port != 8883 else { return nil }
        options.port = port
        hasBroker = true
      case "-t": topic = value
      case "-m":
        payload = Array(value.utf8)
        hasPayload = true
      case "-q":
        guard let level = QoS(argument: value) else { return nil }
        qos = level
      case "-i" where !value.isEmpty: options.clientID = value
      case "-u": options.username = value
      case "-V":
        guard let version = ProtocolVersion(argument: value) else { return nil }
        options.protocolVersion = version
      default:
        return nil
      }
      index += 2
    }
    // Without -h or -p the broker may come from IOTCTL_BROKER or a context.
    guard hasBroker, hasPayload, !topic.isEmpty, !(seen.contains("-m") && seen.contains("-n")) else { return nil }
  }

  /// Publishes, then waits for the acknowledgement as `pub` does; errors go to the one exit-code mapping.
  func run() throws {
    try Topic.checkPublish(topic)
    let session = try Session(options, loop: .caller)
    try session.connect()
    defer { session.close() }
    try session.publish(topic: topic, payload: payload, qos: qos, retain: retain, properties: MessageProperties(), tag: 1)
    try session.confirmDelivery(of: 1, unit: "message", waitSeconds: Iotctl.Pub.defaultAckTimeout)
  }
}
