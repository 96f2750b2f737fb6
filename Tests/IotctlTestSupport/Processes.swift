import CSystem
import Foundation

/// The outcome of running a program to completion.
public struct ProcessResult {
  public var status: Int32
  public var stdout: Data
  public var stderr: String

  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  public var stdoutLines: [String] { stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Where the built `iotctl` lives: next to the test bundle.
public let productsDirectory: URL = {
  var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  while url.pathExtension != "xctest" && url.path != "/" { url.deleteLastPathComponent() }
  return url.deletingLastPathComponent()
}()

public let iotctlPath = productsDirectory.appendingPathComponent("iotctl").path

/// An empty config folder for programs the tests start, unless a test names its own.
let isolatedConfigHome: String = {
  let path = NSTemporaryDirectory() + "iotctl-tests-config-\(getpid())"
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}()

/// Finds a program on PATH or in the sbin directories (where Debian puts `mosquitto`).
public func which(_ name: String) -> String? {
  let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/local/sbin:/sbin"
  for directory in path.split(separator: ":") {
    let candidate = "\(directory)/\(name)"
    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
  }
  return nil
}

/// A program started in the background with `posix_spawn`, its output collected by reader threads.
public final class Background: @unchecked Sendable {
  public let pid: pid_t
  private let stdinFD: Int32
  private var collected = Data()
  private var collectedErr = Data()
  private let lock = NSLock()
  private let group = DispatchGroup()
  private var exitStatus: Int32?

  /// With `ownGroup`, the program leads a process group of its own, which ``signalGroup(_:)`` signals
  /// all at once, as a terminal's Ctrl-C does.
  public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], ownGroup: Bool = false)
    throws
  {
    // Writing to a child that already exited must fail with EPIPE, not kill the test runner.
    Glibc.signal(SIGPIPE, SIG_IGN)
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    var errors: [Int32] = [0, 0]
    guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
      throw TestSetupError(description: "pipe failed")
    }
    // Close-on-exec, so that children spawned concurrently do not inherit (and hold open) these pipes.
    for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, input[0], 0)
    posix_spawn_file_actions_adddup2(&actions, output[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
    for fd in input + output + errors { posix_spawn_file_actions_addclose(&actions, fd) }
    // And every other descriptor: another test's pipe, made by pipe() on another thread just before its
    // FD_CLOEXEC was set, would otherwise stay open in this child, and that test's process would wait for
    // an end of input that never comes (a schema validate reading stdin waited out its 60 s once).
    guard iotctl_spawn_close_from(&actions, 3) == 0 else { throw TestSetupError(description: "posix_spawn_file_actions_addclosefrom_np failed") }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // The developer's contexts and IOTCTL_* settings must not leak into tests.
    for key in env.keys where key.hasPrefix("IOTCTL_") { env[key] = nil }
    env["XDG_CONFIG_HOME"] = isolatedConfigHome
    for (key, value) in environment { env[key] = value }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    // The test runner's threads may block or ignore signals; the child must start with defaults.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    var allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setpgroup(&attributes, 0)
    let pgroup = ownGroup ? POSIX_SPAWN_SETPGROUP : 0
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | pgroup))
    var child: pid_t = 0
    let rc = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
    close(input[0])
    close(output[1])
    close(errors[1])
    guard rc == 0 else {
      close(input[1])
      close(output[0])
      close(errors[0])
      throw TestSetupError(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
    }
    pid = child
    stdinFD = input[1]
    for (fd, isErr) in [(output[0], false), (errors[0], true)] {
      group.enter()
      Thread.detachNewThread { [self] in
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
          let count = read(fd, &buffer, buffer.count)
          if count < 0 && errno == EINTR { continue }
          if count <= 0 { break }
          lock.lock()
          if isErr { collectedErr.append(contentsOf: buffer[0..<count]) } else { collected.append(contentsOf: buffer[0..<count]) }
          lock.unlock()
        }
        close(fd)
        group.leave()
      }
    }
  }

  /// Writes to the program's stdin (blocking).
  public func write(_ data: Data) {
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(stdinFD, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// Closes the program's stdin.
  public func closeInput() { close(stdinFD) }

  /// What the program printed so far.
  public var stdoutSoFar: Data {
    lock.lock()
    defer { lock.unlock() }
    return collected
  }

  public var stderrSoFar: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: collectedErr, as: UTF8.self)
  }

  /// Whether the program is still running.
  public var isRunning: Bool { poll() == nil }

  private func poll() -> Int32? {
    lock.lock()
    defer { lock.unlock() }
    if let exitStatus { return exitStatus }
    var status: Int32 = 0
    if waitpid(pid, &status, WNOHANG) == pid {
      let signal = status & 0x7F
      exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
    return exitStatus
  }

  /// Waits for exit, killing the program after `timeout` seconds.
  public func wait(timeout: Double = 60) -> ProcessResult {
    let deadline = Date().addingTimeInterval(timeout)
    while poll() == nil && Date() < deadline { usleep(2_000) }
    if poll() == nil {
      Glibc.kill(pid, SIGKILL)
      while poll() == nil { usleep(2_000) }
    }
    _ = group.wait(timeout: .now() + 5)
    lock.lock()
    defer { lock.unlock() }
    return ProcessResult(status: exitStatus ?? -1, stdout: collected, stderr: String(decoding: collectedErr, as: UTF8.self))
  }

  /// Sends `number` (SIGINT, say) if the process still runs.
  public func signal(_ number: Int32) {
    if isRunning { Glibc.kill(pid, number) }
  }

  /// Sends `number` to every process of the program's group in one call (see `ownGroup`).
  public func signalGroup(_ number: Int32) {
    if isRunning { Glibc.kill(-pid, number) }
  }

  /// Sends SIGTERM.
  public func terminate() {
    if isRunning { Glibc.kill(pid, SIGTERM) }
  }

  /// Sends SIGKILL.
  public func kill() {
    if isRunning { Glibc.kill(pid, SIGKILL) }
  }

  deinit {
    if poll() == nil {
      Glibc.kill(pid, SIGKILL)
      _ = wait(timeout: 5)
    }
  }
}

/// Runs a program to completion with optional stdin.
@discardableResult
public func run(
  _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
  timeout: Double = 60
) throws -> ProcessResult {
  let process = try Background(executable, arguments, environment: environment)
  if let stdin {
    Thread.detachNewThread {
      process.write(stdin)
      process.closeInput()
    }
  } else {
    process.closeInput()
  }
  return process.wait(timeout: timeout)
}

/// Runs `iotctl`.
@discardableResult
public func iotctl(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], timeout: Double = 60)
  throws -> ProcessResult
{
  try run(iotctlPath, arguments, stdin: stdin, environment: environment, timeout: timeout)
}

/// Polls `condition` until it holds or `timeout` passes.
public func eventually(timeout: Double = 10, _ condition: () -> Bool) -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if condition() { return true }
    usleep(10_000)
  }
  return condition()
}

/// A fresh temporary directory, removed by the caller.
public func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("iotctl-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
