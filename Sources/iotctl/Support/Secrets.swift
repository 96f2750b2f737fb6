#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

import IotctlDialect

/// Passwords from argv, a file, the environment or a prompt, and masking for anything printed.
enum Secrets {
  /// What stands in for a secret in logs, dry runs and errors.
  static let mask = SecretMask.mask

  /// `text` with each secret masked (``SecretMask/apply(_:_:)``).
  static func masking(_ text: String, _ secrets: [String]) -> String { SecretMask.apply(text, secrets) }

  /// The first line of `path`, without its newline.
  static func fromFile(_ path: String, purpose: String = "password file") throws(CLIError) -> String {
    let bytes = try Input.readFile(path, purpose: purpose)
    let line = bytes.split(separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false).first ?? []
    var text = String(decoding: line, as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }

  /// The value of the environment variable `name`.
  static func fromEnvironment(_ name: String) throws(CLIError) -> String {
    guard let value = Environment.all[name] else {
      throw .input("environment variable \(name) (from --password-env) is not set; export it or use --password-file")
    }
    return value
  }

  /// Asks on the terminal with echo off.
  static func prompt(_ question: String) throws(CLIError) -> String {
    let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
    guard fd >= 0 else {
      throw .usage("--password-prompt needs a terminal; use --password-file or --password-env in scripts")
    }
    defer { close(fd) }
    var original = termios()
    tcgetattr(fd, &original)
    var silent = original
    silent.c_lflag &= ~tcflag_t(ECHO)
    // Echo off (discarding what was typed before) first, then the question, as getpass(3) does: an
    // answer typed as soon as the question shows must not be flushed.
    tcsetattr(fd, TCSAFLUSH, &silent)
    _ = question.withCString { write(fd, $0, strlen($0)) }
    defer {
      tcsetattr(fd, TCSAFLUSH, &original)
      _ = write(fd, "\n", 1)
    }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while read(fd, &byte, 1) == 1, byte != 0x0A { bytes.append(byte) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
