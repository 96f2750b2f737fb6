import IotctlCore
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
    if path == "-" { return try readAll(fd: 0, name: "standard input") }
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
final class LineReader {
  private let file: UnsafeMutablePointer<FILE>
  private var buffer: UnsafeMutablePointer<CChar>?
  private var capacity = 0
  /// 1-based number of the line last returned.
  private(set) var lineNumber: UInt64 = 0

  init(fd: Int32 = 0) {
    file = fdopen(dup(fd), "r")!
  }

  deinit {
    free(buffer)
    fclose(file)
  }

  /// The next line's bytes, or `nil` at end of input.
  func next() throws(CLIError) -> [UInt8]? {
    try nextBorrowed().map { Array($0) }
  }

  /// The next line's bytes without a copy, or `nil` at end of input. They stay valid until the next
  /// call, which reuses the buffer.
  func nextBorrowed() throws(CLIError) -> UnsafeRawBufferPointer? {
    let count = getline(&buffer, &capacity, file)
    if count < 0 {
      if ferror(file) != 0 {
        throw .input("cannot read standard input: \(String(cString: strerror(errno)).lowercased())")
      }
      return nil
    }
    lineNumber += 1
    var length = count
    if length > 0, buffer![length - 1] == 0x0A { length -= 1 }
    return UnsafeRawBufferPointer(start: buffer, count: length)
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
