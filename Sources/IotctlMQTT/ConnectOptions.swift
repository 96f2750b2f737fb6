/// The MQTT protocol version spoken on the wire.
public enum ProtocolVersion: String, Sendable, CaseIterable {
  case v31 = "31"
  case v311 = "311"
  case v5 = "5"

  /// The value libmosquitto's `MOSQ_OPT_PROTOCOL_VERSION` expects.
  var mosquittoValue: Int32 {
    switch self {
    case .v31: 3
    case .v311: 4
    case .v5: 5
    }
  }
}

/// Quality of service of a publish or subscription.
public enum QoS: Int32, Sendable, CaseIterable, Comparable {
  case atMostOnce = 0
  case atLeastOnce = 1
  case exactlyOnce = 2

  public static func < (lhs: QoS, rhs: QoS) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A last-will message the broker publishes if the client vanishes.
public struct Will: Sendable, Equatable {
  public var topic: String
  public var payload: [UInt8]
  public var qos: QoS
  public var retain: Bool

  public init(topic: String, payload: [UInt8], qos: QoS = .atMostOnce, retain: Bool = false) {
    self.topic = topic
    self.payload = payload
    self.qos = qos
    self.retain = retain
  }
}

/// TLS settings. Presence of a value in ``ConnectOptions/tls`` turns TLS on.
public struct TLSOptions: Sendable, Equatable {
  /// PEM file of trusted CA certificates.
  public var caFile: String?
  /// Directory of trusted CA certificates (hashed names, as `c_rehash` makes).
  public var caPath: String?
  /// Client certificate (PEM) for mutual TLS.
  public var certFile: String?
  /// Client private key (PEM) for mutual TLS.
  public var keyFile: String?
  /// Skip all server verification: chain and host name. For test brokers only.
  public var insecure: Bool
  /// Application-layer protocol to negotiate, such as `x-amzn-mqtt-ca`.
  public var alpn: String?
  /// Minimum TLS version, `tlsv1.2` or `tlsv1.3`.
  public var version: String?
  /// OpenSSL cipher list.
  public var ciphers: String?
  /// Trust the operating system's CA store (implied when no CA file or dir is given).
  public var useOSCertificates: Bool

  public init(
    caFile: String? = nil, caPath: String? = nil, certFile: String? = nil, keyFile: String? = nil,
    insecure: Bool = false, alpn: String? = nil, version: String? = nil, ciphers: String? = nil,
    useOSCertificates: Bool = false
  ) {
    self.caFile = caFile
    self.caPath = caPath
    self.certFile = certFile
    self.keyFile = keyFile
    self.insecure = insecure
    self.alpn = alpn
    self.version = version
    self.ciphers = ciphers
    self.useOSCertificates = useOSCertificates
  }
}

/// A SOCKS5 proxy the connection goes through; the proxy resolves the broker's host name.
public struct ProxyOptions: Sendable, Equatable {
  public var host: String
  public var port: Int
  public var username: String?
  public var password: String?

  public init(host: String, port: Int = 1080, username: String? = nil, password: String? = nil) {
    self.host = host
    self.port = port
    self.username = username
    self.password = password
  }
}

/// What the client does when an established connection drops.
public enum ReconnectPolicy: Sendable, Equatable {
  /// Report the loss and stop.
  case never
  /// Try up to this many times in a row before giving up.
  case attempts(Int)
  /// Keep trying, except after the broker refuses the credentials.
  case forever
}

/// Everything needed to open one MQTT session.
public struct ConnectOptions: Sendable {
  public var host: String
  public var port: Int
  public var bindAddress: String?
  /// Client identifier; `nil` lets the library (v3) or the broker (v5) choose one.
  public var clientID: String?
  public var protocolVersion: ProtocolVersion
  /// Keepalive interval in seconds.
  public var keepalive: Int
  public var cleanSession: Bool
  /// MQTT 5 session expiry interval in seconds; `UInt32.max` means never.
  public var sessionExpiry: UInt32?
  public var username: String?
  public var password: String?
  public var will: Will?
  public var tls: TLSOptions?
  public var proxy: ProxyOptions?
  /// MQTT 5 user properties sent with CONNECT.
  public var connectUserProperties: [UserProperty]
  /// Seconds to wait for TCP, TLS and CONNACK together.
  public var connectTimeout: Double

  /// The connect timeout no longer than `wait` (a verb's -W, which bounds the whole run, the connect
  /// phase included); zero or nil leaves it as it is.
  public mutating func bound(by wait: Double?) {
    if let wait, wait > 0 { connectTimeout = min(connectTimeout, wait) }
  }
  /// Most QoS 1 and 2 messages libmosquitto keeps in flight.
  public var maxInflight: Int
  public var reconnect: ReconnectPolicy
  /// Disable Nagle's algorithm; lowers latency for request/response.
  public var noDelay: Bool
  /// Acknowledge received TCP segments at once (TCP_QUICKACK before each read). A broker that Nagles
  /// (mosquitto's default) holds its next packet to us until we acknowledge its last one, and Linux
  /// delays that acknowledgement by up to 40 ms when we have nothing to send: a PUBACK followed by
  /// the answer to a request, or by the next request to a responder, waits that long.
  public var quickAck = false

  /// Whether closing ends the session held for the run: see ``holdSessionForRun()``.
  public var endsSessionOnClose = false

  /// How long the broker keeps a session held for a run after a drop, in seconds.
  public static let runSessionExpiry: UInt32 = 3600

  /// Whether connecting first ends an earlier session under the same client id: see
  /// ``holdSessionForRun()``.
  public var discardsEarlierSession = false

  /// Turns a clean session into one that lives as long as the run. A clean session cannot carry QoS 2
  /// across a reconnect: the broker forgets a message whose PUBREC came before the drop, and
  /// libmosquitto's resent PUBREL then completes it for nothing.
  ///
  /// Without a client id the run takes one of its own. With the user's, ``Session/connect()`` first
  /// ends any earlier session under it with a clean connect, as the clean session asked would have.
  /// Over MQTT 5 the broker keeps the session ``runSessionExpiry`` seconds after a drop, and the
  /// closing DISCONNECT ends it; MQTT 3.1.1 has no expiry, so ``Session/close()`` ends it with one
  /// more clean connect.
  ///
  /// Returns whether it applied: not to a session that is already kept (`-c`) or has an expiry.
  public mutating func holdSessionForRun() -> Bool {
    guard cleanSession, sessionExpiry == nil else { return false }
    if clientID == nil { clientID = SessionCore.randomClientID() } else { discardsEarlierSession = true }
    cleanSession = false
    if protocolVersion == .v5 { sessionExpiry = Self.runSessionExpiry }
    endsSessionOnClose = true
    return true
  }

  /// Both of the above: for request/response exchanges and responders, which wait on every packet.
  public mutating func answerAtOnce() {
    noDelay = true
    quickAck = true
  }
  /// Asks for the password when a session is created, if ``password`` is `nil`: a prompt comes after
  /// every other check and never for a dry run. Its error is a usage error.
  public var askPassword: (@Sendable () throws(MQTTError) -> String)?
  /// Receives libmosquitto's log lines (packets sent and received) when set; for `-d`.
  public var logSink: (@Sendable (String) -> Void)?

  /// The defaults every client of this type starts from, the command-line flags' included.
  public static let defaultKeepalive = 60
  public static let defaultConnectTimeout: Double = 10
  public static let defaultMaxInflight = 64
  /// The most QoS 1 and 2 messages in flight over MQTT 3.1.1, whatever `maxInflight` says: mosquitto's
  /// default `max_inflight_messages`, beyond which it drops QoS 2 messages silently.
  public static let mqtt311Inflight = 20

  public init(
    host: String = "localhost", port: Int = 1883, bindAddress: String? = nil,
    clientID: String? = nil, protocolVersion: ProtocolVersion = .v311, keepalive: Int = Self.defaultKeepalive,
    cleanSession: Bool = true, sessionExpiry: UInt32? = nil, username: String? = nil,
    password: String? = nil, will: Will? = nil, tls: TLSOptions? = nil, proxy: ProxyOptions? = nil,
    connectUserProperties: [UserProperty] = [], connectTimeout: Double = Self.defaultConnectTimeout,
    maxInflight: Int = Self.defaultMaxInflight,
    reconnect: ReconnectPolicy = .never, noDelay: Bool = false
  ) {
    self.host = host
    self.port = port
    self.bindAddress = bindAddress
    self.clientID = clientID
    self.protocolVersion = protocolVersion
    self.keepalive = keepalive
    self.cleanSession = cleanSession
    self.sessionExpiry = sessionExpiry
    self.username = username
    self.password = password
    self.will = will
    self.tls = tls
    self.proxy = proxy
    self.connectUserProperties = connectUserProperties
    self.connectTimeout = connectTimeout
    self.maxInflight = maxInflight
    self.reconnect = reconnect
    self.noDelay = noDelay
    self.logSink = nil
    self.askPassword = nil
  }
}
