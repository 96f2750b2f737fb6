import CMosquitto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Why the broker refused a connection: the CONNACK return code (3.1.1) or reason code (5).
public struct ConnectRefusal: Sendable, Equatable {
  /// The raw code from CONNACK.
  public var code: Int
  /// Whether the code came from an MQTT 5 CONNACK.
  public var isV5: Bool

  public init(code: Int, isV5: Bool) {
    self.code = code
    self.isV5 = isV5
  }

  /// Whether the broker rejected the credentials or the client's rights.
  public var isAuthorization: Bool {
    isV5 ? [0x86, 0x87, 0x8A, 0x8C].contains(code) : [4, 5].contains(code)
  }

  /// The broker's reason in words.
  public var text: String {
    if isV5 { return String(cString: mosquitto_reason_string(Int32(code))).lowercased() }
    switch code {
    case 1: return "unacceptable protocol version"
    case 2: return "client identifier rejected"
    case 3: return "server unavailable"
    case 4: return "bad user name or password"
    case 5: return "not authorised"
    default: return "refused with code \(code)"
    }
  }

  /// What the user can do about it.
  var hint: String {
    if isAuthorization {
      return "check the user name and password (-u, --password-file, --password-env) and the broker's ACL"
    }
    switch (isV5, code) {
    case (false, 1), (true, 0x84): return "try another protocol version with -V"
    case (false, 2), (true, 0x85): return "choose another client id with -i"
    default: return "try again later or ask the broker's operator"
    }
  }
}

/// An error from the MQTT session layer. Messages are lower-case, name the input, and say what to do.
public enum MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A topic or filter is not valid for the operation.
  case invalidTopic(String, reason: String)
  /// A payload is larger than MQTT or the broker allows.
  case payloadTooLarge(size: Int, limit: Int)
  /// An option value libmosquitto rejected (a TLS file, a proxy, a property).
  case invalidOption(String)
  /// The broker could not be reached over TCP (or the proxy).
  case unreachable(host: String, port: Int, reason: String)
  /// The TLS handshake failed.
  case tlsFailed(host: String, port: Int, reason: String)
  /// No CONNACK arrived in time.
  case connectTimeout(host: String, port: Int, seconds: Double, v5: Bool)
  /// The broker answered CONNACK with a refusal.
  case refused(ConnectRefusal)
  /// An established connection dropped.
  case connectionLost(reason: String)
  /// The broker answered a QoS 1 or 2 publish with a failure reason (MQTT 5).
  case publishRejected(topic: String, reasonCode: Int)
  /// The broker refused a subscription.
  case subscribeRejected(filter: String, reasonCode: Int)
  /// Any other libmosquitto failure.
  case library(operation: String, code: Int32)
  /// The broker's CONNACK (MQTT 5 Maximum QoS) allows less than the publish asks for.
  case qosNotSupported(requested: Int, maximum: Int)
  /// SIGINT or SIGTERM arrived while the session was open (``Interruption``).
  case interrupted(signal: Int32)

  public var description: String {
    switch self {
    case .invalidTopic(let topic, let reason):
      return "invalid topic '\(topic.debugDescription.dropFirst().dropLast())': \(reason)"
    case .payloadTooLarge(let size, let limit):
      return "payload of \(size) bytes is larger than the \(limit) bytes allowed; "
        + "split it or raise the broker's max_packet_size"
    case .invalidOption(let text):
      return text
    case .unreachable(let host, let port, let reason):
      return "cannot reach broker \(host):\(port): \(reason); check -h/-p and that the broker is running"
    case .tlsFailed(let host, let port, let reason):
      return "TLS handshake with \(host):\(port) failed: \(reason); "
        + "check --cafile/--capath, the host name, or --insecure for a test broker"
    case .connectTimeout(let host, let port, let seconds, let v5):
      // A broker that speaks only MQTT 3.1.1 may leave an MQTT 5 CONNECT unanswered.
      return "no CONNACK from \(host):\(port) within \(Seconds.format(seconds)) s; "
        + (v5 ? "a broker without MQTT 5 may not answer: try -V 311; else " : "")
        + "check the port and protocol (TLS on 8883?) or raise --connect-timeout"
    case .refused(let refusal):
      return "broker refused the connection: \(refusal.text) (code \(refusal.code)); \(refusal.hint)"
    case .connectionLost(let reason):
      return "connection lost: \(reason)"
    case .publishRejected(let topic, let code):
      return "broker rejected the publish to '\(topic)': \(reasonText(code)) (reason \(code))"
    case .subscribeRejected(let filter, let code):
      return "broker refused the subscription to '\(filter)': \(reasonText(code)) (code \(code)); "
        + "check the broker's ACL for this client"
    case .library(let operation, let code):
      return "\(operation) failed: \(String(cString: mosquitto_strerror(code)).lowercased())"
    case .qosNotSupported(let requested, let maximum):
      return "the broker accepts QoS \(maximum) at most (Maximum QoS in its CONNACK), not QoS \(requested); "
        + "publish with -q \(maximum)"
    case .interrupted(let signal):
      return "interrupted by \(Self.signalName(signal))"
    }
  }
}

/// The words for an MQTT 5 reason code, such as "not authorized" for 135.
public func reasonText(_ code: Int) -> String {
  String(cString: mosquitto_reason_string(Int32(code))).lowercased()
}

extension MQTTError {
  /// The MQTT error for a topic the pure checks refused.
  public init(_ invalid: InvalidTopic) { self = .invalidTopic(invalid.topic, reason: invalid.reason) }
}

extension MQTTError {
  /// The cause alone, without the advice, for a report that strings several together.
  var lostReasonText: String {
    switch self {
    case .connectionLost(let reason): reason
    case .unreachable(let host, let port, let reason): "cannot reach \(host):\(port): \(reason)"
    case .tlsFailed(_, _, let reason): "TLS handshake failed: \(reason)"
    default: description
    }
  }

  /// "SIGINT", "SIGTERM", or "signal N".
  public static func signalName(_ signal: Int32) -> String {
    switch signal {
    case SIGINT: "SIGINT"
    case SIGTERM: "SIGTERM"
    default: "signal \(signal)"
    }
  }
}
