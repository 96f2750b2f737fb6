import ArgumentParser
import IotctlDialect
import IotctlMQTT

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension ProtocolVersion: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument.lowercased() {
    case "5", "mqttv5", "v5": self = .v5
    case "311", "mqttv311", "3.1.1", "v311": self = .v311
    case "31", "mqttv31", "3.1", "v31": self = .v31
    default: return nil
    }
  }
  public static var allValueStrings: [String] { ["5", "311", "31"] }
}

extension QoS: ExpressibleByArgument {
  public init?(argument: String) {
    guard let value = Int32(argument), let qos = QoS(rawValue: value) else { return nil }
    self = qos
  }
  public static var allValueStrings: [String] { ["0", "1", "2"] }
  // What ArgumentParser's defaults would say, without the reflection they use (see RawValueArguments.swift).
  public static var allValueDescriptions: [String: String] { [:] }
  public var defaultValueDescription: String { String(rawValue) }
}

extension ReconnectPolicy: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument {
    case "never": self = .never
    case "forever": self = .forever
    default:
      guard let count = Int(argument), count >= 0 else { return nil }
      self = count == 0 ? .never : .attempts(count)
    }
  }
  public static var allValueStrings: [String] { ["never", "forever"] }
}

/// Where the broker is and how to log in: the flags every networked verb shares.
struct ConnectionOptions: ParsableArguments {
  @Option(name: [.customShort("h"), .long], help: "Broker host (default: localhost).")
  var host: String?

  @Option(name: [.customShort("p"), .long], help: "Broker port (default: 1883, or 8883 with TLS).")
  var port: Int?

  @Option(
    name: [.customShort("L"), .long],
    help: ArgumentHelp(
      "Broker as a URL: mqtt[s]://[user@]host[:port]/topic.", valueName: "url"))
  var url: String?

  @Option(name: [.customShort("V"), .customLong("protocol-version")], help: "MQTT version: 5, 311 or 31.")
  var protocolVersion: ProtocolVersion?

  @Option(name: [.customShort("i"), .customLong("id")], help: "Client id (default: iotctl-PID-RANDOM).")
  var clientID: String?

  @Option(name: [.customShort("I"), .customLong("id-prefix")], help: "Client id prefix; the PID is appended.")
  var idPrefix: String?

  @Option(name: [.customShort("k"), .long], help: "Keepalive in seconds.")
  var keepalive = ConnectOptions.defaultKeepalive

  @Flag(name: [.customShort("c"), .customLong("disable-clean-session")], help: "Keep the session after disconnect (needs -i).")
  var disableCleanSession = false

  @Option(
    name: [.customShort("x"), .customLong("session-expiry")],
    help: ArgumentHelp("MQTT 5 session expiry in seconds; -1 means never. Implies -V 5.", valueName: "seconds"))
  var sessionExpiry: Int64?

  @Option(name: [.customShort("u"), .long], help: "User name.")
  var username: String?

  @Option(
    name: [.customShort("P"), .customLong("pw"), .customLong("password")],
    help: "Password (visible to other processes; prefer --password-file or --password-env).")
  var password: String?

  @Option(name: .customLong("password-file"), help: "Read the password from the first line of this file.",
    completion: .file())
  var passwordFile: String?

  @Option(name: .customLong("password-env"), help: "Read the password from this environment variable.")
  var passwordEnv: String?

  @Flag(name: .customLong("password-prompt"), help: "Ask for the password on the terminal.")
  var passwordPrompt = false

  @Option(name: .customLong("cafile"), help: "Trusted CA certificates (PEM); turns TLS on.", completion: .file())
  var caFile: String?

  @Option(name: .customLong("capath"), help: "Directory of trusted CA certificates; turns TLS on.",
    completion: .directory)
  var caPath: String?

  @Option(name: .customLong("cert"), help: "Client certificate (PEM) for mutual TLS.", completion: .file())
  var certFile: String?

  @Option(name: .customLong("key"), help: "Client private key (PEM) for mutual TLS.", completion: .file())
  var keyFile: String?

  @Flag(name: .customLong("insecure"), help: "Do not verify the server certificate or host name.")
  var insecure = false

  @Option(name: .customLong("tls-alpn"), help: "ALPN protocol to negotiate, e.g. x-amzn-mqtt-ca.")
  var alpn: String?

  @Option(name: .customLong("tls-version"), help: "Minimum TLS version: tlsv1.2 or tlsv1.3.")
  var tlsVersion: String?

  @Option(name: .customLong("ciphers"), help: "OpenSSL cipher list.")
  var ciphers: String?

  @Flag(name: .customLong("tls-use-os-certs"), help: "Trust the OS certificate store; turns TLS on.")
  var useOSCerts = false

  @Flag(name: .customLong("no-tls"), help: "Never use TLS, even on port 8883.")
  var noTLS = false

  @Option(name: .customLong("proxy"), help: ArgumentHelp("SOCKS5 proxy: socks5h://[user[:pass]@]host[:port].", valueName: "url"))
  var proxy: String?

  @Option(name: .customLong("will-topic"), help: "Topic of the last-will message.")
  var willTopic: String?

  @Option(name: .customLong("will-payload"), help: "Payload of the last-will message.")
  var willPayload: String?

  @Option(name: .customLong("will-qos"), help: "QoS of the last-will message.")
  var willQoS: QoS = .atMostOnce

  @Flag(name: .customLong("will-retain"), help: "Retain the last-will message.")
  var willRetain = false

  @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for the broker's CONNACK.")
  var connectTimeout: Double = ConnectOptions.defaultConnectTimeout

  @Flag(name: .customLong("nodelay"), help: "Disable Nagle's algorithm.")
  var noDelay = false

  func validate() throws { try unwrapped.checkOptions() }
}

extension ConnectionOptions.Values {
  func checkOptions() throws {
    if let port, !(1...65535).contains(port) { throw ValidationError("-p \(port) is not a port; use 1-65535") }
    if host != nil || port != nil || url != nil {
      let parsed = url.flatMap { try? BrokerURL($0) }
      let broker = (host: host ?? parsed?.host, port: port ?? parsed?.port)
      CommandEnvironment.current.namedBroker.withLock { $0 = broker }
    }
    // libmosquitto refuses 1-4 seconds, as mosquitto_pub does.
    if keepalive != 0 && !(5...65535).contains(keepalive) {
      throw ValidationError("-k \(keepalive) must be 5-65535 seconds, or 0 for no keepalive")
    }
    try NumericFlags.seconds(connectTimeout, "--connect-timeout", positive: true)
    if clientID != nil && idPrefix != nil { throw ValidationError("use either -i or -I, not both") }
    if willTopic == nil && (willPayload != nil || willRetain) {
      throw ValidationError("--will-payload and --will-retain need --will-topic")
    }
    if noTLS && (caFile != nil || caPath != nil || certFile != nil || useOSCerts) {
      throw ValidationError("--no-tls contradicts --cafile/--capath/--cert/--tls-use-os-certs")
    }
  }

  /// The session options these flags describe, and the topic named in `-L`, if any.
  ///
  /// - Parameters:
  ///   - defaultVersion: the protocol when `-V` is absent and nothing implies version 5.
  ///   - needsV5: whether the verb's other flags use MQTT 5 features.
  func resolve(
    defaultVersion: ProtocolVersion = .v311, needsV5: Bool = false, reconnect: ReconnectPolicy = .never,
    dialect: DialectConnection? = nil
  ) throws -> (options: ConnectOptions, urlTopic: String?) {
    let parsedURL = try url.map { url throws(CoreError) in try BrokerURL(url) }
    let environment = Environment.all
    // The broker (host, port and scheme) comes whole from the first that names one: -h/-p/-L,
    // $IOTCTL_BROKER, the context, the dialect.
    let flagsNameBroker = host != nil || port != nil || parsedURL != nil
    // The context is nil where it does not apply: another dialect, or another broker than its own
    // named by the flags or IOTCTL_BROKER (an explicit --context is refused there instead).
    // With the broker on the command line and no context named, an unreadable config is no reason to fail.
    let active = flagsNameBroker && !ActiveContext.isNamed ? try? ActiveContext.load() : try ActiveContext.load()
    let environmentBroker = flagsNameBroker ? nil : try environment["IOTCTL_BROKER"].flatMap { $0.isEmpty ? nil : $0 }
      .map { url throws(CoreError) in try BrokerURL(url, flag: "IOTCTL_BROKER") }
    // A context's broker, TLS files and credentials go together, and only to that broker.
    let contextConnection = active?.context
    let contextBroker = try contextConnection?.broker.map { url throws(CoreError) in
      try BrokerURL(url, flag: "the broker of context \(contextConnection?.name ?? "")")
    }
    let dialectBroker = flagsNameBroker || environmentBroker != nil || contextBroker != nil ? nil : dialect

    var options = ConnectOptions()
    let named = parsedURL ?? environmentBroker ?? contextBroker
    options.host = host ?? named?.host ?? dialectBroker?.host ?? "localhost"
    let caFile = self.caFile ?? contextConnection?.caFile
    let caPath = self.caPath ?? contextConnection?.caPath
    let certFile = self.certFile ?? contextConnection?.certFile
    let keyFile = self.keyFile ?? contextConnection?.keyFile
    let insecure = self.insecure || contextConnection?.insecure == true
    let alpn = self.alpn ?? contextConnection?.alpn
    let wantsTLS =
      !noTLS
      && (named?.tls == true || caFile != nil || caPath != nil || certFile != nil || useOSCerts
        || (port ?? named?.port) == 8883 || dialectBroker?.tls == true)
    options.port = port ?? named?.port ?? dialectBroker?.port ?? (wantsTLS ? 8883 : 1883)

    let contextVersion = contextConnection?.protocolVersion.flatMap { ProtocolVersion(argument: $0) }
    let requested = protocolVersion ?? contextVersion
    let impliesV5 = needsV5 || sessionExpiry != nil || dialect?.mqttVersion == "5"
    if impliesV5, let requested, requested != .v5 {
      let why = dialect?.mqttVersion == "5" ? "this dialect" : "MQTT 5 features (properties, -x)"
      throw ValidationError("\(why) need -V 5, not -V \(requested.rawValue)")
    }
    options.protocolVersion = requested ?? (impliesV5 ? .v5 : defaultVersion)
    options.clientID = clientID ?? idPrefix.map { "\($0)\(getpid())" } ?? contextConnection?.clientID ?? dialect?.clientID
    options.keepalive = keepalive
    options.cleanSession = !disableCleanSession
    if let sessionExpiry {
      guard sessionExpiry >= -1 && sessionExpiry <= Int64(UInt32.max) else {
        throw ValidationError("-x \(sessionExpiry) must be -1 or 0-\(UInt32.max)")
      }
      options.sessionExpiry = sessionExpiry == -1 ? UInt32.max : UInt32(sessionExpiry)
      if sessionExpiry != 0 && options.clientID == nil {
        throw ValidationError("a session that outlives the connection (-x) needs a client id; add -i ID")
      }
    }
    let contextUsername = try contextConnection?.username.flatMap { try active?.resolve($0, what: "username", secret: false) }
    options.username =
      username ?? parsedURL?.username ?? environment["IOTCTL_USERNAME"] ?? environmentBroker?.username
      ?? contextUsername ?? contextBroker?.username ?? dialect?.username
    let beforeContext =
      try resolvePassword(urlPassword: parsedURL?.password) ?? environment["IOTCTL_PASSWORD"] ?? environmentBroker?.password
    // A prompt waits until the session is created (ConnectOptions.askPassword): after every other check.
    if passwordPrompt {
      options.askPassword = Self.prompt("Password for \(options.username ?? "broker"): ")
    } else if beforeContext == nil, case .prompt? = contextConnection?.password, let active {
      options.askPassword = Self.prompt("Password for context \(active.name): ")
    } else {
      let contextPassword = try contextConnection?.password.flatMap { try active?.resolve($0, what: "password", secret: true) }
      options.password = beforeContext ?? contextPassword ?? contextBroker?.password ?? dialect?.password
    }
    if let willTopic {
      options.will = Will(
        topic: willTopic, payload: Array((willPayload ?? "").utf8), qos: willQoS, retain: willRetain)
    }
    if wantsTLS {
      options.tls = TLSOptions(
        caFile: caFile, caPath: caPath, certFile: certFile, keyFile: keyFile, insecure: insecure, alpn: alpn,
        version: tlsVersion, ciphers: ciphers, useOSCertificates: useOSCerts)
    } else if self.insecure || self.alpn != nil || tlsVersion != nil || self.keyFile != nil {
      throw ValidationError("TLS flags need TLS: add --cafile, --capath, --tls-use-os-certs or an mqtts:// URL")
    }
    if let proxy {
      let parsed = try BrokerURL(proxy, flag: "--proxy", schemes: ["socks5h": false, "socks5": false])
      options.proxy = ProxyOptions(
        host: parsed.host, port: parsed.port ?? 1080, username: parsed.username, password: parsed.password)
    }
    options.connectTimeout = connectTimeout
    options.noDelay = noDelay
    options.reconnect = reconnect
    if Diagnostics.verbose {
      Diagnostics.registerSecrets((dialect?.secrets ?? []) + [options.password].compactMap { $0 })
      options.logSink = { line in Diagnostics.debug(line) }
      Diagnostics.debug(describe(options))
    }
    return (options, parsedURL?.topic ?? environmentBroker?.topic ?? contextBroker?.topic)
  }

  private func resolvePassword(urlPassword: String?) throws -> String? {
    let sources = [password != nil, passwordFile != nil, passwordEnv != nil, passwordPrompt].filter { $0 }.count
    if sources > 1 {
      throw ValidationError("give the password one way: -P, --password-file, --password-env or --password-prompt")
    }
    if let password { return password }
    if let passwordFile { return try Secrets.fromFile(passwordFile) }
    if let passwordEnv { return try Secrets.fromEnvironment(passwordEnv) }
    return passwordPrompt ? nil : urlPassword
  }

  private static func prompt(_ question: String) -> @Sendable () throws(MQTTError) -> String {
    { () throws(MQTTError) in
      do throws(CLIError) {
        return try Secrets.prompt(question)
      } catch {
        throw .invalidOption(error.description)
      }
    }
  }

  /// A one-line summary for `-d`, with the password masked.
  func describe(_ options: ConnectOptions) -> String {
    var parts = [
      "connecting to \(options.host):\(options.port)", "MQTT \(options.protocolVersion.rawValue)",
      "client id \(options.clientID ?? "(generated)")",
    ]
    if let username = options.username { parts.append("user \(username)") }
    if options.password != nil { parts.append("password \(Secrets.mask)") }
    if let tls = options.tls {
      parts.append("TLS (\(tls.caFile ?? tls.caPath ?? "OS trust store")\(tls.insecure ? ", insecure" : ""))")
    }
    if let proxy = options.proxy { parts.append("via SOCKS5 \(proxy.host):\(proxy.port)") }
    return parts.joined(separator: ", ")
  }
}
