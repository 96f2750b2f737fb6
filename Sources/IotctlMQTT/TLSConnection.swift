import COpenSSL

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What a TLS handshake with a server shows: protocol, cipher, SNI, ALPN, the certificate chain with its
/// dates, and whether the chain and host name verify. `iotctl doctor` prints it, so that "it doesn't
/// connect" becomes "the certificate expired 3 days ago".
public struct TLSReport: Sendable {
  /// One certificate of the chain the server sent, leaf first.
  public struct Certificate: Sendable {
    /// The subject, as `/CN=...` text.
    public var subject: String
    public var issuer: String
    /// Whole days until it expires (negative once expired).
    public var daysLeft: Int
    /// Days until it becomes valid (positive when not yet valid).
    public var daysUntilValid: Int
  }

  public var protocolVersion: String
  public var cipher: String
  /// The server name sent in SNI (nil for an IP address, which SNI cannot carry).
  public var serverName: String?
  /// The ALPN protocol the server selected, if any.
  public var alpn: String?
  public var chain: [Certificate]
  /// OpenSSL's verdict on the chain and host name: nil when both verify, else its reason.
  public var verifyError: String?
  /// Whether the host name check was part of the verdict (not with `--insecure`).
  public var checkedHostName: Bool
}

/// A TLS client connection on a socket of its own, outside libmosquitto: `iotctl doctor` inspects the
/// handshake with it, and firmware downloads read HTTPS through it.
public final class TLSConnection {
  private let fd: Int32
  private let context: OpaquePointer
  private let ssl: OpaquePointer
  private let host: String
  private let port: Int
  /// What the handshake showed. The chain is reported even when it does not verify.
  public let report: TLSReport

  /// Connects to `host:port` and shakes hands with `settings` (CA, client certificate, ALPN, version).
  /// Only a failed handshake throws; whether the chain verifies is in ``report``.
  public init(host: String, port: Int, settings: TLSOptions, timeout: Double) throws(MQTTError) {
    (self.host, self.port) = (host, port)
    fd = try Self.connect(host: host, port: port, timeout: timeout)
    guard let context = SSL_CTX_new(TLS_client_method()) else {
      close(fd)
      throw Self.failure(host, port, "cannot create a TLS context")
    }
    self.context = context
    guard let ssl = SSL_new(context) else {
      SSL_CTX_free(context)
      close(fd)
      throw Self.failure(host, port, "cannot create a TLS session")
    }
    self.ssl = ssl
    do {
      report = try Self.handshake(ssl, context: context, fd: fd, host: host, port: port, settings: settings)
    } catch {
      SSL_free(ssl)
      SSL_CTX_free(context)
      close(fd)
      throw error
    }
  }

  deinit {
    SSL_shutdown(ssl)
    SSL_free(ssl)
    SSL_CTX_free(context)
    close(fd)
  }

  /// Writes all of `bytes`.
  public func write(_ bytes: [UInt8]) throws(MQTTError) {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
      guard count > 0 else { throw .connectionLost(reason: "TLS write to \(host):\(port) failed") }
      sent += Int(count)
    }
  }

  /// Up to `limit` bytes; empty at the end of the stream.
  public func read(upTo limit: Int = 1 << 16) throws(MQTTError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: limit)
    let count = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
    if count > 0 { return Array(buffer[0..<Int(count)]) }
    let error = SSL_get_error(ssl, count)
    if error == SSL_ERROR_ZERO_RETURN || (error == SSL_ERROR_SYSCALL && errno == 0) { return [] }
    throw .connectionLost(reason: "TLS read from \(host):\(port) failed" + (errno == EAGAIN ? " (timed out)" : ""))
  }

  private static func handshake(
    _ ssl: OpaquePointer, context: OpaquePointer, fd: Int32, host: String, port: Int, settings: TLSOptions
  ) throws(MQTTError) -> TLSReport {
    if settings.caFile != nil || settings.caPath != nil {
      guard SSL_CTX_load_verify_locations(context, settings.caFile, settings.caPath) == 1 else {
        throw failure(host, port, "cannot load the CA certificates from \(settings.caFile ?? settings.caPath ?? "")")
      }
    }
    if settings.useOSCertificates || (settings.caFile == nil && settings.caPath == nil) {
      SSL_CTX_set_default_verify_paths(context)
    }
    if let certFile = settings.certFile, let keyFile = settings.keyFile {
      guard SSL_use_certificate_chain_file(ssl, certFile) == 1, SSL_use_PrivateKey_file(ssl, keyFile, SSL_FILETYPE_PEM) == 1
      else { throw failure(host, port, "cannot load the client certificate \(certFile) or key \(keyFile)") }
    }
    if let version = settings.version {
      let minimum = version == "tlsv1.3" ? TLS1_3_VERSION : TLS1_2_VERSION
      SSL_ctrl(ssl, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(minimum), nil)
    }
    if let ciphers = settings.ciphers { SSL_set_cipher_list(ssl, ciphers) }
    // Verification is judged after the handshake, so a bad chain is still shown.
    SSL_set_verify(ssl, SSL_VERIFY_NONE, nil)
    let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    if !isAddress { _ = iotctl_SSL_set_tlsext_host_name(ssl, host) }
    if !settings.insecure {
      if isAddress { X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host) } else { SSL_set1_host(ssl, host) }
    }
    if let alpn = settings.alpn, !alpn.isEmpty, alpn.utf8.count < 256 {
      let wire = [UInt8(alpn.utf8.count)] + Array(alpn.utf8)
      _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
    }
    SSL_set_fd(ssl, fd)
    ERR_clear_error()
    guard SSL_connect(ssl) == 1 else {
      let code = ERR_get_error()
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      throw failure(host, port, code == 0 ? "the server closed the connection during the handshake" : text)
    }
    var alpnData: UnsafePointer<UInt8>?
    var alpnLength: UInt32 = 0
    SSL_get0_alpn_selected(ssl, &alpnData, &alpnLength)
    let selected = alpnData.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(alpnLength)), as: UTF8.self) }
    let verdict = SSL_get_verify_result(ssl)
    return TLSReport(
      protocolVersion: String(cString: SSL_get_version(ssl)),
      cipher: SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "?",
      serverName: isAddress ? nil : host, alpn: selected, chain: chain(of: ssl),
      verifyError: verdict == X509_V_OK ? nil : String(cString: X509_verify_cert_error_string(verdict)),
      checkedHostName: !settings.insecure)
  }

  private static func chain(of ssl: OpaquePointer) -> [TLSReport.Certificate] {
    guard let stack = SSL_get_peer_cert_chain(ssl) else { return [] }
    return (0..<iotctl_sk_X509_num(stack)).compactMap { index -> TLSReport.Certificate? in
      guard let certificate = iotctl_sk_X509_value(stack, index) else { return nil }
      func name(_ value: OpaquePointer?) -> String {
        guard let value, let text = X509_NAME_oneline(value, nil, 0) else { return "?" }
        defer { CRYPTO_free(text, #fileID, #line) }
        return String(cString: text)
      }
      func days(to time: UnsafePointer<ASN1_TIME>?) -> Int {
        var days: Int32 = 0
        var seconds: Int32 = 0
        guard let time, ASN1_TIME_diff(&days, &seconds, nil, time) == 1 else { return 0 }
        return Int(days)
      }
      return TLSReport.Certificate(
        subject: name(X509_get_subject_name(certificate)), issuer: name(X509_get_issuer_name(certificate)),
        daysLeft: days(to: X509_get0_notAfter(certificate)), daysUntilValid: days(to: X509_get0_notBefore(certificate)))
    }
  }

  private static func failure(_ host: String, _ port: Int, _ reason: String) -> MQTTError {
    .tlsFailed(host: host, port: port, reason: reason)
  }

  /// A TCP connection within `timeout`, left blocking with that timeout for the handshake.
  static func connect(host: String, port: Int, timeout: Double) throws(MQTTError) -> Int32 {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let rc = getaddrinfo(host, String(port), &hints, &list)
    guard rc == 0, let list else {
      throw .unreachable(host: host, port: port, reason: String(cString: gai_strerror(rc)))
    }
    defer { freeaddrinfo(list) }
    var reason = "no address"
    var entry: UnsafeMutablePointer<addrinfo>? = list
    while let current = entry {
      entry = current.pointee.ai_next
      let fd = socket(current.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
      guard fd >= 0 else { continue }
      var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
      if Glibc.connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 { return fd }
      reason = String(cString: strerror(errno))
      close(fd)
    }
    throw .unreachable(host: host, port: port, reason: reason)
  }
}
