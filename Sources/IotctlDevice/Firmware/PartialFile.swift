import IotctlDialect

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A download in progress: a temporary file beside the target, written at offsets, synced, and renamed
/// into place only when it is complete and verified. Until then the target path is untouched.
///
/// Chunked downloads also keep a record of the chunks written (`.NAME.iotctl-part.chunks`), so that a
/// resumed download asks for exactly the chunks it lacks, whatever order they arrived in.
public final class PartialFile {
  public let target: String
  public let path: String
  private let fd: Int32
  private var record: Int32 = -1
  /// Unlinked at once, with no record (nothing can resume it).
  private let anonymous: Bool

  /// Opens (or, with `resume`, reopens) the temporary file for `target`. A symbolic link in its place is
  /// refused, so that a planted link cannot redirect the download. An `anonymous` file is unlinked at
  /// once: it holds an image bound for stdout and disappears with the process, however that ends.
  public init(target: String, resume: Bool, anonymous: Bool = false) throws(DeviceError) {
    self.target = target
    self.anonymous = anonymous
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    path = directory + "." + name + ".iotctl-part"
    let flags = O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (resume ? 0 : O_TRUNC)
    fd = open(path, flags | (anonymous ? O_EXCL : 0), anonymous ? 0o600 : 0o644)
    guard fd >= 0 else { throw Self.failure("write", path) }
    if anonymous { unlink(path) }
    if !resume { unlink(recordPath) }
  }

  deinit {
    close(fd)
    if record >= 0 { close(record) }
  }

  private var recordPath: String { path + ".chunks" }

  private static func failure(_ verb: String, _ path: String) -> DeviceError {
    DeviceError(.input, "cannot \(verb) '\(path)': \(String(cString: strerror(errno)).lowercased())")
  }

  /// The bytes already there (for `--resume`).
  public var size: Int {
    var info = stat()
    return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
  }

  public func truncate(to length: Int) { _ = ftruncate(fd, off_t(length)) }

  public func write(_ bytes: [UInt8], at offset: Int) throws(DeviceError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + written, $0.count - written, off_t(offset + written)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Self.failure("write", path)
      }
      written += count
    }
  }

  /// The chunks of `chunkSize` bytes a previous run recorded as written, with their total length; none
  /// when the record is missing or was kept for another chunk size.
  public func completedChunks(chunkSize: Int) -> (indices: Set<Int>, bytes: Int) {
    guard let text = try? FileContents.read(recordPath, limit: 64 << 20, regularOnly: true) else { return ([], 0) }
    var lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
    guard let header = lines.first, header == "chunk-size \(chunkSize)" else { return ([], 0) }
    lines.removeFirst()
    var indices = Set<Int>()
    var bytes = 0
    for line in lines {
      let parts = line.split(separator: " ")
      guard parts.count == 2, let index = Int(parts[0]), let length = Int(parts[1]), index >= 0,
        (0...chunkSize).contains(length), !indices.contains(index)
      else { continue }
      indices.insert(index)
      bytes += length
    }
    return (indices, bytes)
  }

  /// Records chunk `index` (of `length` bytes) as written; call after ``write(_:at:)``.
  public func recordChunk(_ index: Int, length: Int, chunkSize: Int) throws(DeviceError) {
    guard !anonymous else { return }
    if record < 0 {
      let fresh = completedChunks(chunkSize: chunkSize).indices.isEmpty
      record = open(recordPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | (fresh ? O_TRUNC : 0), 0o644)
      guard record >= 0 else { throw Self.failure("write", recordPath) }
      if fresh { try append("chunk-size \(chunkSize)\n") }
    }
    try append("\(index) \(length)\n")
  }

  private func append(_ line: String) throws(DeviceError) {
    let bytes = Array(line.utf8)
    let count = bytes.withUnsafeBytes { Glibc.write(record, $0.baseAddress, $0.count) }
    guard count == bytes.count else { throw Self.failure("write", recordPath) }
  }

  /// Reads the content in pieces of up to 1 MiB, so that memory stays bounded whatever the size.
  public func read(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
    var offset = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Self.failure("read", path)
      }
      if count == 0 { return }
      try body(chunk[0..<count])
      offset += count
    }
  }

  /// The checksum of the content.
  public func digest(_ algorithm: ChecksumAlgorithm) throws -> [UInt8] {
    var hasher = ChecksumHasher(algorithm)
    try read { hasher.update(Array($0)) }
    return hasher.finalize()
  }

  /// Syncs the data and moves the file to the target path.
  public func commit() throws(DeviceError) {
    guard fsync(fd) == 0, rename(path, target) == 0 else {
      throw DeviceError(.input, "cannot move the download to '\(target)': \(String(cString: strerror(errno)).lowercased())")
    }
    unlink(recordPath)
  }

  /// Removes the temporary file and its record (a failed verification leaves nothing behind).
  public func discard() {
    unlink(path)
    unlink(recordPath)
  }
}
