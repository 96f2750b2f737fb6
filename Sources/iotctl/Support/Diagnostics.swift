import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Messages to stderr: errors, warnings, notes and debug lines. Data never goes here.
enum Diagnostics {
  private static let quietFlag = Atomic<Bool>(false)
  private static let verboseFlag = Atomic<Bool>(false)

  /// Hide runtime errors and notes (usage errors still print).
  static var quiet: Bool {
    get { quietFlag.load(ordering: .relaxed) }
    set { quietFlag.store(newValue, ordering: .relaxed) }
  }

  /// Print debug lines.
  static var verbose: Bool {
    get { verboseFlag.load(ordering: .relaxed) }
    set { verboseFlag.store(newValue, ordering: .relaxed) }
  }

  /// Colour only on a terminal, never with `NO_COLOR` or `TERM=dumb`.
  static let useColor: Bool = {
    guard isatty(2) == 1 else { return false }
    if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
    if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
    return true
  }()

  private static func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  static func error(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(paint("error:", "1;31")) \(message)\n")
  }

  static func warning(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(paint("warning:", "1;33")) \(message)\n")
  }

  static func note(_ message: String) {
    guard !quiet else { return }
    write("iotctl: \(message)\n")
  }

  static func debug(_ message: @autoclosure () -> String) {
    guard verbose else { return }
    write(paint("debug: ", "2") + message() + "\n")
  }

  static func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
