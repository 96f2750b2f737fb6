#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A TCP connection with the same read/write shape as ``TLSConnection``, for `http://` downloads.
public final class PlainConnection {
  private let fd: Int32
  private let host: String
  private let port: Int

  public init(host: String, port: Int, timeout: Double) throws(MQTTError) {
    fd = try TLSConnection.connect(host: host, port: port, timeout: timeout)
    (self.host, self.port) = (host, port)
  }

  deinit { close(fd) }

  /// Writes all of `bytes`.
  public func write(_ bytes: [UInt8]) throws(MQTTError) {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { throw .connectionLost(reason: "write to \(host):\(port) failed: \(String(cString: strerror(errno)))") }
      sent += count
    }
  }

  /// Up to `limit` bytes; empty at the end of the stream.
  public func read(upTo limit: Int = 1 << 16) throws(MQTTError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: limit)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if count >= 0 { return Array(buffer[0..<count]) }
      if errno == EINTR { continue }
      throw .connectionLost(reason: "read from \(host):\(port) failed: \(String(cString: strerror(errno)))")
    }
  }
}
