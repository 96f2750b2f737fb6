import CSystem
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// SIGINT and SIGTERM while sessions are open: each open session ends its waits with
/// ``MQTTError/interrupted(signal:)``, so its owner reports what was delivered and closes the
/// connection with DISCONNECT. With no session open, or on a second signal, the signal acts as it
/// would without iotctl.
///
/// ``install()`` blocks both signals in every thread and waits for them on a thread of its own, so
/// no code runs in a signal handler. That thread polls a signalfd and takes a signal off it only for a
/// session: one it lets act as usual stays pending until it ends the process, so a main thread that is
/// about to exit 0 sees it (``dieIfSignalled()``). An owner blocked in `poll`, `select` or `read` is woken by
/// SIGUSR2, whose handler does nothing; one waiting on its session's condition is woken by it.
public enum Interruption {
  /// The sessions open now, and the threads that own them.
  private static let open = Mutex<[ObjectIdentifier: (core: SessionCore, owner: pthread_t)]>([:])
  /// The threads that run a loop of their own and read ``signal`` (the fleet simulator).
  private static let loopOwners = Mutex<[pthread_t]>([])
  private static let received = Atomic<Int32>(0)
  private static let installed = Atomic<Bool>(false)

  /// Takes over SIGINT and SIGTERM for the rest of the process. Call it before any thread starts:
  /// threads inherit the blocked mask. Child processes must be given the default mask back (the hook
  /// runner does).
  public static func install() {
    guard !installed.exchange(true, ordering: .relaxed) else { return }
    var wake = sigaction()
    wake.__sigaction_handler.sa_handler = { _ in }
    sigemptyset(&wake.sa_mask)
    // No SA_RESTART: the owner's `poll`, `select` or `read` must return EINTR.
    wake.sa_flags = 0
    sigaction(SIGUSR2, &wake, nil)
    var watched = watchedSignals
    pthread_sigmask(SIG_BLOCK, &watched, nil)
    var thread = pthread_t()
    pthread_create(&thread, nil, { _ in Interruption.watch() }, nil)
    pthread_detach(thread)
  }

  /// SIGINT and SIGTERM.
  public static var watchedSignals: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }

  /// The signal received (SIGINT or SIGTERM) while something watched for it; 0 before.
  public static var signal: Int32 { received.load(ordering: .relaxed) }

  /// Makes the calling thread's own loop the one a signal ends: ``signal`` turns non-zero and SIGUSR2
  /// interrupts its `epoll_wait`. Until ``endLoop()``, the first signal does not end the process.
  public static func watchLoop() {
    let owner = pthread_self()
    loopOwners.withLock { $0.append(owner) }
  }

  /// Ends ``watchLoop()`` for the calling thread.
  public static func endLoop() {
    let owner = pthread_self()
    loopOwners.withLock { $0.removeAll { pthread_equal($0, owner) != 0 } }
  }

  static func register(_ core: SessionCore) {
    let owner = pthread_self()
    open.withLock { $0[ObjectIdentifier(core)] = (core, owner) }
  }

  static func unregister(_ core: SessionCore) {
    _ = open.withLock { $0.removeValue(forKey: ObjectIdentifier(core)) }
  }

  private static func watch() -> UnsafeMutableRawPointer? {
    var watched = watchedSignals
    let descriptor = signalfd(-1, &watched, Int32(SFD_CLOEXEC))
    while true {
      if descriptor >= 0 {
        var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, -1) == 1 else { continue }
        if actsAsDefault, let number = pendingSignal() { actAsDefault(number) }
      }
      guard let number = take(from: descriptor, watched: &watched) else { continue }
      if actsAsDefault {
        actAsDefault(number)
        continue
      }
      let sessions = open.withLock { Array($0.values) }
      let loops = loopOwners.withLock { $0 }
      received.store(number, ordering: .relaxed)
      for (core, owner) in sessions {
        core.state.update { state in
          if state.failure == nil { state.failure = .interrupted(signal: number) }
        }
        pthread_kill(owner, SIGUSR2)
      }
      for owner in loops { pthread_kill(owner, SIGUSR2) }
    }
  }

  /// Whether a signal now should act as it would without iotctl: nothing watches for it, or it is the second.
  private static var actsAsDefault: Bool {
    received.load(ordering: .relaxed) != 0 || (open.withLock { $0.isEmpty } && loopOwners.withLock { $0.isEmpty })
  }

  /// Takes one watched signal off the signalfd, or off the process with `sigwait` if there is none.
  private static func take(from descriptor: Int32, watched: inout sigset_t) -> Int32? {
    guard descriptor >= 0 else {
      var number: Int32 = 0
      return sigwait(&watched, &number) == 0 ? number : nil
    }
    var info = signalfd_siginfo()
    let size = MemoryLayout<signalfd_siginfo>.size
    guard read(descriptor, &info, size) == size else { return nil }
    return Int32(bitPattern: info.ssi_signo)
  }

  /// A watched signal that has arrived and not yet been taken, SIGINT first.
  private static func pendingSignal() -> Int32? {
    var pending = sigset_t()
    guard sigpending(&pending) == 0 else { return nil }
    return [SIGINT, SIGTERM].first { sigismember(&pending, $0) == 1 }
  }

  /// Dies of a watched signal that has arrived, if one has: call it before a successful exit. Without
  /// it a command that finishes as the signal arrives (a pipeline's reader that sees end of input
  /// because Ctrl-C ended the writer) could exit 0 before the signal thread ends the process.
  public static func dieIfSignalled() {
    guard installed.load(ordering: .relaxed), let number = pendingSignal() else { return }
    actAsDefault(number)
  }

  /// Dies of `number` as the process would have without ``install()``.
  private static func actAsDefault(_ number: Int32) {
    Glibc.signal(number, SIG_DFL)
    var only = sigset_t()
    sigemptyset(&only)
    sigaddset(&only, number)
    pthread_sigmask(SIG_UNBLOCK, &only, nil)
    raise(number)
  }
}
