import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Reading payloads and secrets from files and standard input.
enum Input {
  /// The whole content of `path`; `-` means standard input.
  static func readFile(_ path: String, purpose: String) throws(CLIError) -> [UInt8] {
    if path == "-" { return try readAll(fd: CommandEnvironment.current.input, name: "standard input") }
    do {
      return try FileContents.read(path)
    } catch {
      throw .input("cannot read \(purpose) '\(path)': \(error.reason)")
    }
  }

  /// `bytes` parsed as JSON; an input error naming `what` otherwise.
  static func json(_ bytes: [UInt8], what: String) throws(CLIError) -> JSONValue {
    do {
      return try JSONParser.parse(bytes)
    } catch {
      throw .input("\(what) is not valid JSON: \(error)")
    }
  }

  /// Everything readable from `fd` until end of file.
  static func readAll(fd: Int32, name: String) throws(CLIError) -> [UInt8] {
    do {
      return try FileContents.readAll(fd: fd)
    } catch {
      throw .input("cannot read \(name): \(error.reason)")
    }
  }
}

/// Reads standard input one line at a time, binary-safe, without the trailing newline.
/// A last line without a newline is still a line; empty input yields no lines.
///
/// It reads with `read(2)` into a buffer of its own rather than through `FILE`, so it knows when the
/// next line needs a read that may block, and runs ``beforeRead`` first.
final class LineReader {
  /// The descriptor read from.
  let fd: Int32
  private var buffer: UnsafeMutablePointer<UInt8>
  private var capacity = 1 << 16
  /// The bytes not yet returned are `buffer[start..<end]`.
  private var start = 0
  private var end = 0
  private var atEnd = false
  /// 1-based number of the line last returned.
  private(set) var lineNumber: UInt64 = 0
  /// Runs before each read of the descriptor, which may block: a session whose loop runs on this
  /// thread keeps its connection alive there until input arrives.
  var beforeRead: (() throws -> Void)?
  /// The longest line read; a longer one is an input error, not a buffer that grows until the system
  /// runs out of memory.
  let maximumLength: Int

  /// The largest payload MQTT carries (256 MiB less one byte): no line can be sent whole beyond it.
  static let mqttMaximumPayload = 268_435_455

  init(fd: Int32 = CommandEnvironment.current.input, maximumLength: Int = LineReader.mqttMaximumPayload) {
    self.fd = fd
    self.maximumLength = maximumLength
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  /// Lets `session` run its loop while a read waits for input (``Session/awaitReadable(_:)``).
  func keepAlive(_ session: Session) {
    let fd = self.fd
    beforeRead = { try session.awaitReadable(fd) }
  }

  /// The next line's bytes, or `nil` at end of input.
  func next() throws -> [UInt8]? {
    try nextBorrowed().map { Array($0) }
  }

  /// The next line's bytes without a copy, or `nil` at end of input. They stay valid until the next
  /// call, which reuses the buffer.
  func nextBorrowed() throws -> UnsafeRawBufferPointer? {
    var scanned = start
    while true {
      if let newline = memchr(buffer + scanned, 0x0A, end - scanned) {
        let length = newline.assumingMemoryBound(to: UInt8.self) - (buffer + start)
        try checkLength(length)
        return take(length, skipping: 1)
      }
      scanned = end
      try checkLength(end - start)
      if atEnd { return start < end ? take(end - start, skipping: 0) : nil }
      if start > 0 {
        memmove(buffer, buffer + start, end - start)
        (scanned, end, start) = (scanned - start, end - start, 0)
      }
      if end == capacity {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: buffer, count: end)
        buffer.deallocate()
        (buffer, capacity) = (larger, capacity * 2)
      }
      try beforeRead?()
      let count = read(fd, buffer + end, capacity - end)
      if count > 0 {
        end += count
      } else if count == 0 {
        atEnd = true
      } else if errno != EINTR {
        throw CLIError.input("cannot read standard input: \(String(cString: strerror(errno)).lowercased())")
      }
    }
  }

  private func checkLength(_ length: Int) throws(CLIError) {
    guard length > maximumLength else { return }
    throw .input(
      "line \(lineNumber + 1) is longer than \(maximumLength) bytes (--max-line; MQTT carries at most \(Self.mqttMaximumPayload)); nothing from it on was sent")
  }

  /// The `length` bytes at `start` as the next line; `skipping` the newline after them, if any.
  private func take(_ length: Int, skipping: Int) -> UnsafeRawBufferPointer {
    let line = UnsafeRawBufferPointer(start: buffer + start, count: length)
    start += length + skipping
    lineNumber += 1
    return line
  }
}

/// File path helpers.
enum FilePath {
  /// `path` made absolute against the working directory.
  static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    guard let cwd = getcwd(nil, 0) else { return path }
    defer { free(cwd) }
    return String(cString: cwd) + "/" + path
  }
}
