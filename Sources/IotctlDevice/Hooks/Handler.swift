import CSystem
import IotctlBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A command handler run through `/bin/sh -c`: the whole input on stdin, extra environment, output
/// collected, and a time limit after which it is killed. It inherits no descriptor but stdin, stdout and
/// stderr: not the MQTT socket, not a download in progress.
public struct Handler {
  public struct Outcome {
    /// The exit status, or `nil` when the handler was killed (time limit) or died by a signal.
    public var status: Int32?
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var timedOut: Bool

    /// stdout as text, without its trailing line ends.
    public var outputText: String { Self.text(stdout) }
    /// stderr as text, without its trailing line ends.
    public var errorText: String { Self.text(stderr) }

    private static func text(_ bytes: [UInt8]) -> String {
      var text = String(decoding: bytes, as: UTF8.self)
      while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
      return text
    }
  }

  public let command: String
  /// Seconds; zero for no limit.
  public let timeout: Double

  public init(command: String, timeout: Double) {
    self.command = command
    self.timeout = timeout
  }

  public func run(input: [UInt8], environment extra: [String: String]) -> Outcome {
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    var errorsFromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0, pipe(&fromChild) == 0, pipe(&errorsFromChild) == 0 else {
      return Outcome(status: nil, stdout: [], stderr: Array("cannot create pipes".utf8), timedOut: false)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorsFromChild[1], 2)
    // Every other descriptor is closed in the child, whether or not its owner set close-on-exec.
    guard iotctl_spawn_close_from(&actions, 3) == 0 else {
      for fd in toChild + fromChild + errorsFromChild { close(fd) }
      return Outcome(status: nil, stdout: [], stderr: Array("cannot set up the handler's descriptors".utf8), timedOut: false)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // The handler gets default signal handling, not iotctl's ignored SIGPIPE.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    // Nor iotctl's blocked SIGINT and SIGTERM (``Interruption``).
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

    var environment = ProcessEnvironment.variables()
    for (key, value) in extra { environment[key] = value }
    let arguments = ["/bin/sh", "-c", command]
    var pid: pid_t = 0
    let spawned = withCStrings(arguments) { argv in
      withCStrings(environment.map { "\($0.key)=\($0.value)" }) { envp in
        posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
      }
    }
    close(toChild[0])
    close(fromChild[1])
    close(errorsFromChild[1])
    guard spawned == 0 else {
      close(toChild[1])
      close(fromChild[0])
      close(errorsFromChild[0])
      return Outcome(status: nil, stdout: [], stderr: Array("cannot run /bin/sh".utf8), timedOut: false)
    }
    // The input is written as the handler reads it, beside its output, so that neither side can block
    // the other whatever the sizes; a handler that exits without reading it all just closes the pipe.
    _ = fcntl(toChild[1], F_SETFL, fcntl(toChild[1], F_GETFL) | O_NONBLOCK)
    var inputFD: Int32? = toChild[1]
    var written = 0
    if input.isEmpty {
      close(toChild[1])
      inputFD = nil
    }

    var output: [UInt8] = []
    var errors: [UInt8] = []
    let end = timeout > 0 ? Double(monotonicMilliseconds()) + timeout * 1000 : .infinity
    var open = [fromChild[0], errorsFromChild[0]]
    var timedOut = false
    while !open.isEmpty {
      let remaining = end - Double(monotonicMilliseconds())
      if remaining <= 0 {
        timedOut = true
        kill(pid, SIGKILL)
        break
      }
      var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      if let inputFD { fds.append(pollfd(fd: inputFD, events: Int16(POLLOUT), revents: 0)) }
      if poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1000))) <= 0 { continue }
      for entry in fds where entry.revents != 0 && entry.fd == inputFD {
        let count = input.withUnsafeBytes { write(entry.fd, $0.baseAddress! + written, $0.count - written) }
        if count > 0 { written += count }
        if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
          close(entry.fd)
          inputFD = nil
        }
      }
      for entry in fds where entry.revents != 0 && entry.fd != toChild[1] {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
        if count <= 0 {
          open.removeAll { $0 == entry.fd }
        } else if entry.fd == fromChild[0] {
          output.append(contentsOf: chunk[0..<count])
        } else {
          errors.append(contentsOf: chunk[0..<count])
        }
      }
    }
    if let inputFD { close(inputFD) }
    close(fromChild[0])
    close(errorsFromChild[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exited = (status & 0x7f) == 0
    return Outcome(status: exited && !timedOut ? (status >> 8) & 0xff : nil, stdout: output, stderr: errors, timedOut: timedOut)
  }

  private func monotonicMilliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }
}

/// Runs `body` with `strings` as a NULL-terminated C array.
func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
  var pointers = strings.map { strdup($0) }
  pointers.append(nil)
  defer { for pointer in pointers { free(pointer) } }
  return body(pointers)
}
