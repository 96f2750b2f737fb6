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

  /// The most a payload, schema or instance file may hold: MQTT's largest payload.
  public static let largestInput = 268_435_455
  /// The most a profile, a referenced schema or the context config may hold.
  public static let largestDocument = 16 << 20

  /// The content of the file at `path`, at most `limit` bytes. With `regularOnly`, a FIFO or device is
  /// refused rather than read (it could block, or never end); a pipe from the shell (`-f <(...)`) needs it
  /// off.
  public static func read(_ path: String, limit: Int = largestInput, regularOnly: Bool = false) throws(ReadError) -> [UInt8] {
    guard let bytes = try readIfPresent(path, limit: limit, regularOnly: regularOnly) else {
      throw ReadError(reason: String(cString: strerror(ENOENT)).lowercased())
    }
    return bytes
  }

  /// The content of the file at `path` as ``read(_:limit:regularOnly:)`` reads it, or nil when nothing is
  /// there (a dangling link included): for a file that may be absent, such as the context config, which
  /// every start looks for and most starts do not find.
  public static func readIfPresent(_ path: String, limit: Int = largestInput, regularOnly: Bool = false) throws(ReadError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0))
    guard fd >= 0 else {
      if errno == ENOENT { return nil }
      throw ReadError(reason: String(cString: strerror(errno)).lowercased())
    }
    defer { close(fd) }
    var info = stat()
    let known = fstat(fd, &info) == 0
    if known, (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(reason: "it is a directory") }
    if regularOnly && (info.st_mode & S_IFMT) != S_IFREG { throw ReadError(reason: "it is not a regular file") }
    return try readAll(fd: fd, limit: limit, info: known ? info : nil)
  }

  /// Everything readable from `fd` until end of file, at most `limit` bytes.
  public static func readAll(fd: Int32, limit: Int = largestInput) throws(ReadError) -> [UInt8] {
    var info = stat()
    return try readAll(fd: fd, limit: limit, info: fstat(fd, &info) == 0 ? info : nil)
  }

  /// `info` is `fd`'s status, when known: a regular file (standard input redirected from one, too) is read
  /// into room for its size, not grown.
  private static func readAll(fd: Int32, limit: Int, info: stat?) throws(ReadError) -> [UInt8] {
    var result: [UInt8] = []
    if let info, (info.st_mode & S_IFMT) == S_IFREG, let size = Int(exactly: info.st_size), size > 0 {
      result.reserveCapacity(min(size, limit))
    }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count == 0 { return result }
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(reason: String(cString: strerror(errno)).lowercased())
      }
      guard result.count + count <= limit else { throw ReadError(reason: "it holds more than \(limit) bytes, the most accepted") }
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
  /// `mode` before any byte is written. Its name carries the writer's process id, so that a later
  /// write removes what a writer killed before its rename left behind (``removeAbandonedTemporaries(of:)``).
  public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(WriteError) {
    removeAbandonedTemporaries(of: path)
    var template = Array((path + ".tmp-\(getpid())-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw WriteError(reason: String(cString: strerror(errno)).lowercased()) }
    let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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

  /// Removes `PATH.tmp-PID-XXXXXX` files beside `path` whose process is gone: a `kill -9` between the
  /// temporary file and the rename leaves one, as large as the file written.
  public static func removeAbandonedTemporaries(of path: String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) }.flatMap { $0.isEmpty ? "/" : $0 } ?? "."
    let prefix = String(path[(slash.map { path.index(after: $0) } ?? path.startIndex)...]) + ".tmp-"
    guard let handle = opendir(directory) else { return }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else {
        continue
      }
      // Alive (or not ours to signal): leave it.
      if kill(pid, 0) == 0 || errno != ESRCH { continue }
      unlink(directory + "/" + name)
    }
  }
}
