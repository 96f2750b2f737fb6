#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Whole files and streams read into memory, for profiles, schemas and payloads.
public enum FileContents {
  /// Why a read failed, as a lower-case phrase such as "no such file or directory".
  public struct ReadError: Error, Sendable {
    public var reason: String
  }

  /// The content of the file at `path`. With a `limit`, only a regular file of at most that many bytes
  /// is read (a FIFO or device would block or never end).
  public static func read(_ path: String, limit: Int? = nil) throws(ReadError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC | (limit == nil ? 0 : O_NONBLOCK))
    guard fd >= 0 else { throw ReadError(reason: String(cString: strerror(errno)).lowercased()) }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(reason: "it is a directory") }
    if let limit {
      guard (info.st_mode & S_IFMT) == S_IFREG else { throw ReadError(reason: "it is not a regular file") }
      guard info.st_size <= limit else { throw ReadError(reason: "it is larger than \(limit) bytes") }
    }
    return try readAll(fd: fd)
  }

  /// Everything readable from `fd` until end of file.
  public static func readAll(fd: Int32) throws(ReadError) -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count == 0 { return result }
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(reason: String(cString: strerror(errno)).lowercased())
      }
      result.append(contentsOf: chunk[0..<count])
    }
  }
}

extension FileContents {
  /// Why a write failed, as a lower-case phrase.
  public struct WriteError: Error, Sendable {
    public var reason: String
  }

  /// Replaces the file at `path` with `bytes` all at once: a temporary file beside it is written,
  /// fsynced and renamed over it, so a reader sees the old file or the new one, never half. The temporary
  /// file gets a name no one can guess (`mkstemp`), so a planted link cannot redirect the write, and
  /// `mode` before any byte is written.
  public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
    var template = Array((path + ".tmp-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw WriteError(reason: String(cString: strerror(errno)).lowercased()) }
    let temporary = String(cString: template)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    guard fchmod(fd, mode) == 0 else {
      let reason = String(cString: strerror(errno)).lowercased()
      close(fd)
      unlink(temporary)
      throw WriteError(reason: reason)
    }
    var failure: String?
    var offset = 0
    while offset < bytes.count, failure == nil {
      let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if written < 0 && errno != EINTR { failure = String(cString: strerror(errno)).lowercased() }
      if written > 0 { offset += written }
    }
    if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)).lowercased() }
    close(fd)
    if failure == nil && rename(temporary, path) != 0 { failure = String(cString: strerror(errno)).lowercased() }
    if let failure {
      unlink(temporary)
      throw WriteError(reason: failure)
    }
  }
}
