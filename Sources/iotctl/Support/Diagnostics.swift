import IotctlDialect
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Messages to stderr: errors, warnings, notes and debug lines. Data never goes here. Messages often
/// quote what the network sent (a firmware title, a platform's error text): control characters in them are
/// shown escaped, so that no remote string can drive the terminal.
enum Diagnostics {
  /// Hide runtime errors and notes (usage errors still print).
  static var quiet: Bool {
    get { CommandEnvironment.current.quiet.load(ordering: .relaxed) }
    set { CommandEnvironment.current.quiet.store(newValue, ordering: .relaxed) }
  }

  /// Print debug lines.
  static var verbose: Bool {
    get { CommandEnvironment.current.verbose.load(ordering: .relaxed) }
    set { CommandEnvironment.current.verbose.store(newValue, ordering: .relaxed) }
  }

  /// Colour only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
  static var useColor: Bool { CommandEnvironment.current.colorErrors }

  private static func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  static func error(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(paint("error:", "1;31")) \(Terminal.printable(message, lines: true))\n")
  }

  /// A usage error: printed even with `--quiet`, as its documentation promises.
  static func usageError(_ message: String) {
    write("iotctl: \(paint("error:", "1;31")) \(Terminal.printable(message, lines: true))\n")
  }

  static func warning(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(paint("warning:", "1;33")) \(Terminal.printable(message, lines: true))\n")
  }

  static func note(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(Terminal.printable(message, lines: true))\n")
  }

  static func debug(_ message: @autoclosure () -> String) {
    guard verbose else { return }
    let secrets = CommandEnvironment.current.secrets.withLock { $0 }
    write(paint("debug: ", "2") + SecretMask.apply(message(), secrets) + "\n")
  }

  /// Secrets that `debug` lines must never show (libmosquitto logs topics, and a Kaa token is one level).
  static func registerSecrets(_ values: [String]) {
    let fresh = values.filter { !$0.isEmpty }
    guard !fresh.isEmpty else { return }
    CommandEnvironment.current.secrets.withLock { $0.append(contentsOf: fresh) }
  }

  static func write(_ text: String) {
    var text = text
    let environment = CommandEnvironment.current
    text.withUTF8 { environment.writeErrors(UnsafeRawBufferPointer($0)) }
  }
}
