#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Buffered writes to stdout. A closed pipe ends the process like SIGPIPE would (status 141),
/// because a reader that went away (`| head -1`) is not an error worth a message.
final class StandardOutput {
  private var buffer: [UInt8] = []

  init() { buffer.reserveCapacity(65536) }

  deinit { flush() }

  func write(_ bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 65536 { flush() }
  }

  func write(_ text: String) { write(text.utf8) }

  /// Writes `text` and flushes, for commands that print one report.
  static func print(_ text: String) {
    let output = StandardOutput()
    output.write(text)
    output.flush()
  }

  func flush() {
    var offset = 0
    while offset < buffer.count {
      let written = buffer.withUnsafeBytes { Glibc.write(1, $0.baseAddress! + offset, $0.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { exit(141) }
        Diagnostics.error("cannot write to standard output: \(String(cString: strerror(errno)).lowercased())")
        exit(ExitStatus.input.rawValue)
      }
      offset += written
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
