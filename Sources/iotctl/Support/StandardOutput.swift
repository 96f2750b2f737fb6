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
    guard !buffer.isEmpty else { return }
    let environment = CommandEnvironment.current
    if !buffer.withUnsafeBytes({ environment.writeOutput($0) }) { exit(141) }
    buffer.removeAll(keepingCapacity: true)
  }
}
