import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl {
  /// `iotctl doctor`: why does it not connect?
  struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "doctor",
      abstract: "Check a context or connection end to end: DNS, TCP, TLS, MQTT CONNACK, and a round trip.",
      discussion: """
        Each step prints ok or FAIL with what it found and, on failure, a fix; the first failure ends \
        the run with its exit status (4 DNS/TCP/TLS, 5 or 6 refused, 27 no round trip). The round trip \
        is --op OPERATION (one of the dialect's request/response operations) or, without it, a message \
        to iotctl/doctor/CLIENT-ID and back, which needs a broker that allows that topic. The TLS step \
        shakes hands on its own connection and shows the protocol, SNI, ALPN and each certificate of the \
        chain with its expiry, then says why it does not verify (expired, wrong host name, unknown CA).

        Examples:
          iotctl doctor --context tb-lab --op attributes.request
          iotctl doctor -L mqtts://broker.example.com:8883
        """)

    @Option(
      name: .customLong("op"), help: "A request/response operation of the dialect for the round trip.",
      completion: .custom { words, _, _ in DialectCompletion.operations(words) })
    var operation: String?

    @Option(name: .customShort("W"), help: "Seconds to wait for each network step.")
    var timeout: Double = 5

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws { try NumericFlags.seconds(timeout, "-W", positive: true) }

    func run() throws {
      diagnostics.unwrapped.apply()
      let out = StandardOutput()
      func report(_ step: String, _ ok: Bool, _ detail: String, fix: String? = nil) {
        out.write("\(ok ? "ok  " : "FAIL") \(step.padding(8)) \(detail)\n")
        if let fix, !ok { out.write("     \("".padding(8)) fix: \(fix)\n") }
        out.flush()
      }

      let active = try ActiveContext.load()
      let wantsDialect = dialect.unwrapped.isGiven || operation != nil || active?.context.dialect != nil || active?.context.dialectFile != nil
      var call: OperationCall?
      var dialectConnection: DialectConnection?
      if wantsDialect {
        let profile = try dialect.unwrapped.profile()
        let bindings = try dialect.unwrapped.bindings(for: profile)
        dialectConnection = try TopicCompiler(bindings: bindings).connection()
        if let operation { call = try OperationCall(profile: profile, bindings: bindings, operation: operation) }
        report("context", true, "\(active.map { "context \($0.name), " } ?? "")dialect \(profile.name)")
      } else {
        report("context", true, active.map { "context \($0.name)" } ?? "none (flags and IOTCTL_* only)")
      }
      var (options, _) = try connection.unwrapped.resolve(dialect: dialectConnection)
      options.connectTimeout = timeout
      options.answerAtOnce()

      let addresses = try resolveHost(options.host, report: report)
      try connectTCP(addresses, host: options.host, port: options.port, report: report)

      if let tls = options.tls, options.proxy == nil {
        try checkTLS(tls, options, report: { report($0, $1, $2, fix: $3) }, detail: {
          out.write("     \("".padding(8)) \($0)\n")
          out.flush()
        })
      } else if options.tls != nil {
        report("tls", true, "not inspected through a SOCKS proxy; the mqtt step checks the handshake")
      } else {
        report("tls", true, "not used (mqtt://); mqtts:// or --cafile turns it on")
      }

      let session = try Session(options)
      defer { session.close() }
      do {
        try session.connect()
      } catch {
        let (step, fix) = hint(for: error, options: options)
        report(step, false, error.description, fix: fix)
        throw CLIError(ExitStatus(error), "\(step) step failed: \(error.description)")
      }
      report("mqtt", true, "CONNACK accepted, MQTT \(options.protocolVersion.rawValue), client id \(options.clientID ?? "(generated)")")
      try roundTrip(session: session, call: call, clientID: options.clientID, report: report)
    }

    private func resolveHost(_ host: String, report: (String, Bool, String, String?) -> Void) throws -> [String] {
      var hints = addrinfo()
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
      var list: UnsafeMutablePointer<addrinfo>?
      let rc = getaddrinfo(host, nil, &hints, &list)
      guard rc == 0, let list else {
        let why = String(cString: gai_strerror(rc))
        report("dns", false, "\(host): \(why)", "check the host name, or the resolver in /etc/resolv.conf")
        throw CLIError(.unreachable, "dns step failed: \(host): \(why)")
      }
      defer { freeaddrinfo(list) }
      var addresses: [String] = []
      var entry: UnsafeMutablePointer<addrinfo>? = list
      while let current = entry {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        if getnameinfo(current.pointee.ai_addr, current.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
          let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
          if !addresses.contains(text) { addresses.append(text) }
        }
        entry = current.pointee.ai_next
      }
      report("dns", true, "\(host) → \(addresses.joined(separator: ", "))", nil)
      return addresses
    }

    private func connectTCP(_ addresses: [String], host: String, port: Int, report: (String, Bool, String, String?) -> Void) throws {
      var hints = addrinfo()
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
      hints.ai_flags = AI_NUMERICHOST
      var failures: [String] = []
      for address in addresses {
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(address, String(port), &hints, &info) == 0, let info else { continue }
        defer { freeaddrinfo(info) }
        let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let started = Deadline.now
        var error: Int32 = 0
        if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
          error = errno
          if error == EINPROGRESS {
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if poll(&poller, 1, Int32(timeout * 1000)) == 1 {
              var length = socklen_t(MemoryLayout<Int32>.size)
              getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            } else {
              error = ETIMEDOUT
            }
          }
        }
        if error == 0 {
          report("tcp", true, "\(address) port \(port) accepts connections (\(milliseconds(since: started)) ms)", nil)
          return
        }
        failures.append("\(address): \(String(cString: strerror(error)).lowercased())")
      }
      let why = failures.joined(separator: "; ")
      let fix =
        port == 1883 || port == 8883
        ? "is the broker running and listening on \(host):\(port)? Check the port and any firewall"
        : "check the port (-p; MQTT uses 1883, or 8883 with TLS) and any firewall"
      report("tcp", false, "port \(port): \(why)", fix)
      throw CLIError(.unreachable, "tcp step failed: \(host) port \(port): \(why)")
    }

    /// Which step a connect failure belongs to, and what to do about it.
    private func hint(for error: MQTTError, options: ConnectOptions) -> (step: String, fix: String) {
      switch error {
      case .tlsFailed:
        return ("tls", Self.handshakeFix)
      case .refused(let refusal) where refusal.isAuthorization:
        return ("mqtt", "the broker refused the credentials: check -u/-P, the token variable, or the context (iotctl context show)")
      case .connectTimeout:
        return ("mqtt", "TCP works but no CONNACK came: is this port MQTT (not TLS, or not WebSockets)? Try mqtts:// for 8883")
      case .refused:
        return ("mqtt", "the broker refused the session: check -V (protocol version) and the client id")
      default:
        return ("mqtt", "run again with -d to see the packets")
      }
    }

    private func roundTrip(session: Session, call: OperationCall?, clientID: String?, report: (String, Bool, String, String?) -> Void) throws {
      let started = Deadline.now
      func elapsed() -> String { milliseconds(since: started) }
      if var call {
        let payload = try call.payload(nil, validate: false)
        guard call.exchange.expectsReply else {
          throw CLIError.usage("\(call.compiled.operation.name) has no answer to wait for; pick a request/response operation for --op")
        }
        if let reply = try call.run(session: session, payload: payload, properties: MessageProperties(), timeout: timeout) {
          report("round", true, "\(call.compiled.operation.name): answer on \(Secrets.masking(reply.topic, call.secrets)) after \(elapsed()) ms", nil)
          return
        }
        report("round", false, "\(call.compiled.operation.name): no answer within \(Seconds.format(timeout)) s", "check the device's identity variables and that the platform serves this device")
        throw CLIError(.timeout, "round-trip step failed: no answer to \(call.compiled.operation.name)")
      }
      let topic = "iotctl/doctor/\(clientID ?? String(getpid()))-\(UInt32.random(in: 0...UInt32.max))"
      let token = Array("doctor-\(UInt64.random(in: 0...UInt64.max))".utf8)
      do {
        try session.subscribe([topic], qos: .atLeastOnce, timeout: timeout)
        try session.publish(topic: topic, payload: token, qos: .atLeastOnce)
        let deadline = Deadline.after(seconds: timeout)
        while let message = try session.nextMessage(until: deadline) {
          if message.topic == topic && message.payload == token {
            report("round", true, "published and received on \(topic) after \(elapsed()) ms", nil)
            return
          }
        }
      } catch {
        report("round", false, "\(topic): \(error.description)", "the broker may not allow this topic; pass --op with one of the dialect's request/response operations")
        throw CLIError(ExitStatus(error), "round-trip step failed: \(error.description)")
      }
      report("round", false, "nothing came back on \(topic) within \(Seconds.format(timeout)) s", "the broker may not allow this topic; pass --op with one of the dialect's request/response operations")
      throw CLIError(.timeout, "round-trip step failed: nothing came back on \(topic)")
    }
  }
}

extension String {
  /// The string left-aligned in `width` columns.
  func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// Milliseconds since `start`, to a tenth.
private func milliseconds(since start: Deadline) -> String {
  String((Deadline.now.seconds(since: start) * 10_000).rounded() / 10)
}
