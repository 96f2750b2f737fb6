import IotctlBase
import IotctlDialect
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// What a command reads and writes besides its arguments: environment variables, standard output and
/// error, the clock, and the per-run state that flags set (`--context`, `--quiet`, `-d`). A real run uses
/// the process's; tests run commands in-process against their own, with ``Iotctl/run(_:in:)``.
final class CommandEnvironment: Sendable {
  /// The environment variables (`IOTCTL_*`, `HOME`, the dialects' variables).
  let variables: [String: String]
  /// The descriptor standard input is read from.
  let input: Int32
  /// Writes bytes to standard output; returns false when the reader went away.
  let writeOutput: @Sendable (UnsafeRawBufferPointer) -> Bool
  let writeErrors: @Sendable (UnsafeRawBufferPointer) -> Void
  /// The wall clock.
  let now: @Sendable () -> WallTime
  /// Whether stderr is a terminal that takes colour.
  let colorErrors: Bool

  /// `--context`, once parsed, and the context it loaded (see ``ActiveContext``).
  let requestedContext = Mutex<String?>(nil)
  /// The dialect (name or profile path) and the broker (`host[:port]`) that flags name, recorded when
  /// they are parsed: a context never reaches another dialect or another broker.
  let namedDialect = Mutex<String?>(nil)
  let namedBroker = Mutex<(host: String?, port: Int?)?>(nil)
  let loadedContext = Mutex<ActiveContext??>(nil)
  /// Secrets known to this run (the dialect's secret variables, the password): masked in every debug line.
  let secrets = Mutex<[String]>([])
  let quiet = Atomic<Bool>(false)
  let verbose = Atomic<Bool>(false)

  init(
    variables: [String: String], input: Int32 = 0, writeOutput: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool,
    writeErrors: @escaping @Sendable (UnsafeRawBufferPointer) -> Void, now: @escaping @Sendable () -> WallTime = { .now },
    colorErrors: Bool = false
  ) {
    (self.variables, self.input, self.writeOutput, self.writeErrors, self.now) = (variables, input, writeOutput, writeErrors, now)
    self.colorErrors = colorErrors
  }

  /// The environment commands run in: the test's, inside ``Iotctl/run(_:in:)``, else the process's.
  static var current: CommandEnvironment { scoped ?? process }

  @TaskLocal static var scoped: CommandEnvironment?

  /// The process's own: `environ`, file descriptors 1 and 2, the system clock.
  static let process = CommandEnvironment(
    variables: ProcessEnvironment.variables(),
    writeOutput: { bytes in writeAll(1, bytes) },
    writeErrors: { bytes in _ = writeAll(2, bytes) },
    colorErrors: isatty(2) == 1 && (getenv("NO_COLOR").map { $0.pointee == 0 } ?? true)
      && (getenv("TERM").map { String(cString: $0) != "dumb" } ?? true))

  /// Writes everything to `fd`; false when the reader went away (EPIPE). Other failures end the process
  /// with the input status, since data would be lost.
  private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE || fd == 2 { return false }
        let reason = String(cString: strerror(errno)).lowercased()
        Diagnostics.error("cannot write to standard output: \(reason)")
        exit(ExitStatus.input.rawValue)
      }
      offset += written
    }
    return true
  }
}
