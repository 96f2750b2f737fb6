import IotctlCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A download in progress: a temporary file beside the target, written at offsets, synced, and renamed
/// into place only when it is complete and verified. Until then the target path is untouched.
final class PartialFile {
  let target: String
  let path: String
  private let fd: Int32

  /// Opens (or, with `resume`, reopens) the temporary file for `target`.
  init(target: String, resume: Bool) throws {
    self.target = target
    let slash = target.lastIndex(of: "/")
    let directory = slash.map { String(target[...$0]) } ?? ""
    let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
    path = directory + "." + name + ".iotctl-part"
    let flags = O_RDWR | O_CREAT | O_CLOEXEC | (resume ? 0 : O_TRUNC)
    fd = open(path, flags, 0o644)
    guard fd >= 0 else {
      throw CLIError.input("cannot write '\(path)': \(String(cString: strerror(errno)).lowercased())")
    }
  }

  deinit { close(fd) }

  /// The bytes already there (for `--resume`).
  var size: Int {
    var info = stat()
    return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
  }

  func truncate(to length: Int) { _ = ftruncate(fd, off_t(length)) }

  func write(_ bytes: [UInt8], at offset: Int) throws {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + written, $0.count - written, off_t(offset + written)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw CLIError.input("cannot write '\(path)': \(String(cString: strerror(errno)).lowercased())")
      }
      written += count
    }
  }

  /// The checksum of the content, read in pieces so that memory stays bounded whatever the size.
  func digest(_ algorithm: ChecksumAlgorithm) throws -> [UInt8] {
    var hasher = ChecksumHasher(algorithm)
    var offset = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw CLIError.input("cannot read '\(path)': \(String(cString: strerror(errno)).lowercased())")
      }
      if count == 0 { return hasher.finalize() }
      hasher.update(Array(chunk[0..<count]))
      offset += count
    }
  }

  /// Copies the content to standard output.
  func copy(to output: StandardOutput) throws {
    var offset = 0
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw CLIError.input("cannot read '\(path)': \(String(cString: strerror(errno)).lowercased())")
      }
      if count == 0 { return }
      output.write(chunk[0..<count])
      offset += count
    }
  }

  /// Syncs the data and moves the file to the target path.
  func commit() throws {
    guard fsync(fd) == 0, rename(path, target) == 0 else {
      throw CLIError.input("cannot move the download to '\(target)': \(String(cString: strerror(errno)).lowercased())")
    }
  }

  /// Removes the temporary file (a failed verification leaves nothing behind).
  func discard() { unlink(path) }
}
