import IotctlMQTT

/// Why an HTTP(S) download stopped.
public enum DownloadError: Error, Sendable, CustomStringConvertible {
  /// The server answered with a status other than 200/206 (after redirects).
  case status(Int, reason: String, url: String)
  /// The URL or the answer is not something this client reads.
  case malformed(String)
  /// The connection failed or dropped after `received` bytes of the body.
  case network(MQTTError, received: Int)
  /// The TLS chain or host name does not verify.
  case untrusted(url: String, reason: String)

  public var description: String {
    switch self {
    case .status(let code, let reason, let url): "\(url) answered HTTP \(code) \(reason)"
    case .malformed(let why): why
    case .network(let error, let received): "\(error.description) after \(received) bytes"
    case .untrusted(let url, let reason): "the certificate of \(url) does not verify: \(reason)"
    }
  }
}

/// A streaming HTTP/1.1 GET over ``TLSConnection`` (or plain TCP for `http://`): redirects followed,
/// `Content-Length` or chunked bodies, a `Range` request to resume. The body goes to `write` in pieces,
/// so memory stays bounded whatever the size.
public struct HTTPDownload {
  public var tls: TLSOptions
  public var timeout: Double
  public var maximumRedirects = 5

  public init(tls: TLSOptions, timeout: Double) {
    self.tls = tls
    self.timeout = timeout
  }

  /// Checks that `url` is one this client can fetch, before anything is reported or written.
  public static func check(_ url: String) throws(DownloadError) { _ = try HTTPURL(url) }

  /// Downloads `url` from byte `offset` on. `start(position)` is called once the server has answered:
  /// `offset` when it honours the range, 0 when it sends the whole body again. Then `write(position,
  /// bytes)` receives the body. Returns the size of the whole file.
  public func fetch(
    _ url: String, from offset: Int = 0, start: (Int) throws -> Void = { _ in }, write: (Int, [UInt8]) throws -> Void
  ) throws -> Int {
    var current = url
    for _ in 0...maximumRedirects {
      let target = try HTTPURL(current)
      let connection = try open(target)
      var request = "GET \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nUser-Agent: iotctl\r\n"
      request += "Accept-Encoding: identity\r\nConnection: close\r\n"
      if offset > 0 { request += "Range: bytes=\(offset)-\r\n" }
      request += "\r\n"
      do { try connection.write(Array(request.utf8)) } catch { throw DownloadError.network(error, received: 0) }
      var reader = BodyReader(connection: connection)
      let head = try reader.head()
      if [301, 302, 303, 307, 308].contains(head.status), let location = head.headers["location"] {
        current = target.resolve(location)
        continue
      }
      guard head.status == 200 || (head.status == 206 && offset > 0) else {
        throw DownloadError.status(head.status, reason: head.reason, url: target.redacted)
      }
      // A server that ignores Range sends the whole body again: start over.
      let first = head.status == 206 ? offset : 0
      try start(first)
      let length = head.headers["content-length"].flatMap { Int($0) }
      let received = try reader.body(chunked: head.headers["transfer-encoding"]?.lowercased().contains("chunked") == true, length: length) {
        bytes, at in try write(first + at, bytes)
      }
      if let length, received != length {
        throw DownloadError.network(.connectionLost(reason: "the body ended early (\(received) of \(length) bytes)"), received: first + received)
      }
      return first + received
    }
    throw DownloadError.malformed("more than \(maximumRedirects) redirects from \(url)")
  }

  private func open(_ target: HTTPURL) throws -> ByteStream {
    do {
      guard target.secure else { return try PlainConnection(host: target.host, port: target.port, timeout: timeout) }
      let connection = try TLSConnection(host: target.host, port: target.port, settings: tls, timeout: timeout)
      if let problem = connection.report.verifyError, !tls.insecure {
        throw DownloadError.untrusted(url: target.redacted, reason: problem)
      }
      return connection
    } catch let error as MQTTError {
      throw DownloadError.network(error, received: 0)
    }
  }
}

/// What a download reads from and writes to: a TLS connection or a plain socket.
protocol ByteStream {
  func write(_ bytes: [UInt8]) throws(MQTTError)
  func read(upTo limit: Int) throws(MQTTError) -> [UInt8]
}

extension TLSConnection: ByteStream {}
extension PlainConnection: ByteStream {}

/// `http[s]://host[:port]/path?query`, split for a request line.
struct HTTPURL {
  var secure: Bool
  var host: String
  var port: Int
  var path: String

  init(_ text: String) throws(DownloadError) {
    let scheme: String
    if text.hasPrefix("https://") { (secure, scheme) = (true, "https://") } else if text.hasPrefix("http://") { (secure, scheme) = (false, "http://") } else {
      throw .malformed("'\(text)' is not an http:// or https:// URL")
    }
    let rest = text.dropFirst(scheme.count)
    let authority = rest.prefix { $0 != "/" && $0 != "?" }
    path = String(rest.dropFirst(authority.count))
    if path.isEmpty || path.first == "?" { path = "/" + path }
    guard !authority.contains("@") else {
      throw .malformed("'\(HTTPURL.withoutUserInfo(text))' carries credentials, which the download does not send; use a URL that needs none")
    }
    let hostPart = String(authority)
    if hostPart.hasPrefix("["), let close = hostPart.firstIndex(of: "]") {
      host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
      let after = hostPart[hostPart.index(after: close)...]
      port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : (secure ? 443 : 80)
    } else if let colon = hostPart.lastIndex(of: ":") {
      host = String(hostPart[..<colon])
      port = Int(hostPart[hostPart.index(after: colon)...]) ?? -1
    } else {
      host = hostPart
      port = secure ? 443 : 80
    }
    guard !host.isEmpty, (1...65535).contains(port) else { throw .malformed("'\(text)' has no valid host and port") }
  }

  /// `text` with any `user:password@` removed, for messages.
  static func withoutUserInfo(_ text: String) -> String {
    let scheme = text.hasPrefix("https://") ? "https://" : "http://"
    let rest = text.dropFirst(scheme.count)
    guard let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") else { return text }
    return scheme + "****@" + rest[rest.index(after: at)...]
  }

  var hostHeader: String {
    let name = host.contains(":") ? "[\(host)]" : host
    return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
  }

  /// The URL without its query, which often carries a signature or token.
  var redacted: String {
    "\(secure ? "https" : "http")://\(hostHeader)\(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/")"
  }

  /// A `Location` header, absolute or relative to this URL.
  func resolve(_ location: String) -> String {
    if location.hasPrefix("http://") || location.hasPrefix("https://") { return location }
    let base = "\(secure ? "https" : "http")://\(hostHeader)"
    if location.hasPrefix("/") { return base + location }
    let directory = path.split(separator: "?", maxSplits: 1).first.map { String($0[...($0.lastIndex(of: "/") ?? $0.startIndex)]) } ?? "/"
    return base + directory + location
  }
}

/// Reads the status line and headers, then the body, from a byte stream.
struct BodyReader {
  let connection: any ByteStream
  private var buffer: [UInt8] = []
  private var position = 0

  init(connection: any ByteStream) { self.connection = connection }

  struct Head {
    var status: Int
    var reason: String
    /// Lower-cased names.
    var headers: [String: String]
  }

  mutating func head() throws -> Head {
    let statusLine = try line()
    let parts = statusLine.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
      throw DownloadError.malformed("not an HTTP answer: '\(statusLine.prefix(80))'")
    }
    var headers: [String: String] = [:]
    while true {
      let header = try line()
      if header.isEmpty { break }
      guard let colon = header.firstIndex(of: ":") else { continue }
      headers[header[..<colon].lowercased()] = header[header.index(after: colon)...].trimming(" \t")
    }
    return Head(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
  }

  /// Streams the body to `deliver(bytes, offset)`; returns its length.
  mutating func body(chunked: Bool, length: Int?, deliver: ([UInt8], Int) throws -> Void) throws -> Int {
    var received = 0
    func pass(_ bytes: [UInt8]) throws {
      try deliver(bytes, received)
      received += bytes.count
    }
    if chunked {
      while true {
        let sizeLine = try line()
        guard let size = Int(sizeLine.prefix { $0 != ";" }.trimming(" "), radix: 16) else {
          throw DownloadError.malformed("bad chunk size '\(sizeLine.prefix(20))' in the HTTP body")
        }
        if size == 0 { return received }
        var left = size
        while left > 0 {
          let piece = try take(upTo: left, received: received)
          guard !piece.isEmpty else {
            throw DownloadError.network(.connectionLost(reason: "the body ended inside a chunk"), received: received)
          }
          try pass(piece)
          left -= piece.count
        }
        _ = try line()
      }
    }
    while length.map({ received < $0 }) ?? true {
      let piece = try take(upTo: length.map { $0 - received } ?? (1 << 16), received: received)
      if piece.isEmpty { break }
      try pass(piece)
    }
    return received
  }

  /// Buffered bytes first, then the stream; empty at its end.
  private mutating func take(upTo limit: Int, received: Int) throws -> [UInt8] {
    if position < buffer.count {
      let end = min(buffer.count, position + limit)
      defer { position = end }
      return Array(buffer[position..<end])
    }
    do { return try connection.read(upTo: min(limit, 1 << 16)) } catch { throw DownloadError.network(error, received: received) }
  }

  private mutating func line() throws -> String {
    while true {
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        var end = newline
        if end > position, buffer[end - 1] == 0x0D { end -= 1 }
        defer { position = newline + 1 }
        return String(decoding: buffer[position..<end], as: UTF8.self)
      }
      guard buffer.count - position < 65536 else { throw DownloadError.malformed("an HTTP header line over 64 KiB") }
      let more: [UInt8]
      do { more = try connection.read(upTo: 1 << 16) } catch { throw DownloadError.network(error, received: 0) }
      guard !more.isEmpty else { throw DownloadError.malformed("the server closed the connection before the end of the HTTP header") }
      buffer = Array(buffer[position...]) + more
      position = 0
    }
  }
}
