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
/// The handler (CSystem's `interrupt.c`) only records the signal, marks a latch pipe readable and
/// sends SIGUSR2 to the threads that own sessions, so that their `poll`, `select` or `read` returns.
/// An owner that drives its own loop turns the recorded signal into its session's failure
/// (``SessionCore/noteInterruption()``); a session with a network thread, whose owner waits on a
/// condition, is failed by a thread that waits on the latch. That thread starts with the first such
/// session: a start-up thread cost every one-shot command about 0.7 ms (`perf stat`, issue 17).
public enum Interruption {
  /// The sessions open now, the threads that own them, and their slots in the handler's table.
  private static let open = Mutex<[ObjectIdentifier: (core: SessionCore, owner: pthread_t, slot: Int32)]>([:])
  /// The threads that run a loop of their own and read ``signal`` (the fleet simulator), with their slots.
  private static let loopOwners = Mutex<[(owner: pthread_t, slot: Int32)]>([])
  private static let installed = Atomic<Bool>(false)
  private static let watcherStarted = Atomic<Bool>(false)
  /// The latch pipe's read end, which the watcher waits on; -1 until the watcher starts.
  private static let latch = Atomic<Int32>(-1)

  /// Takes over SIGINT and SIGTERM for the rest of the process. Child processes get the default
  /// actions back when they exec.
  public static func install() {
    guard !installed.exchange(true, ordering: .relaxed) else { return }
    var wake = sigaction()
    wake.__sigaction_handler.sa_handler = { _ in }
    sigemptyset(&wake.sa_mask)
    // No SA_RESTART: the owner's `poll`, `select` or `read` must return EINTR.
    wake.sa_flags = 0
    sigaction(SIGUSR2, &wake, nil)
    iotctl_interrupt_install()
  }

  /// The signal received (SIGINT or SIGTERM) while something watched for it; 0 before.
  public static var signal: Int32 { iotctl_interrupt_received() }

  /// Dies of a signal that arrived after the last wait that would have noticed it: a command about to
  /// exit 0 calls this, so that Ctrl-C is never answered with success.
  public static func dieIfSignalled() {
    let number = signal
    guard number != 0 else { return }
    Glibc.signal(number, SIG_DFL)
    raise(number)
  }

  /// Makes the calling thread's own loop the one a signal ends: ``signal`` turns non-zero and SIGUSR2
  /// interrupts its `epoll_wait`. Until ``endLoop()``, the first signal does not end the process.
  public static func watchLoop() {
    let owner = pthread_self()
    let slot = iotctl_interrupt_watch(owner)
    loopOwners.withLock { $0.append((owner, slot)) }
  }

  /// Ends ``watchLoop()`` for the calling thread.
  public static func endLoop() {
    let owner = pthread_self()
    let ended = loopOwners.withLock { owners in
      let ended = owners.filter { pthread_equal($0.owner, owner) != 0 }
      owners.removeAll { pthread_equal($0.owner, owner) != 0 }
      return ended
    }
    for entry in ended { iotctl_interrupt_unwatch(entry.slot) }
  }

  static func register(_ core: SessionCore) {
    let owner = pthread_self()
    let slot = iotctl_interrupt_watch(owner)
    open.withLock { $0[ObjectIdentifier(core)] = (core, owner, slot) }
    if !core.callerDriven { startWatcher() }
    core.noteInterruption()
  }

  static func unregister(_ core: SessionCore) {
    guard let entry = open.withLock({ $0.removeValue(forKey: ObjectIdentifier(core)) }) else { return }
    iotctl_interrupt_unwatch(entry.slot)
  }

  /// Starts, once, the thread that fails sessions with a network thread when a signal arrives, and the
  /// latch pipe it waits on.
  private static func startWatcher() {
    guard !watcherStarted.exchange(true, ordering: .relaxed) else { return }
    let end = iotctl_interrupt_latch()
    guard end >= 0 else { return }
    latch.store(end, ordering: .releasing)
    var thread = pthread_t()
    guard pthread_create(&thread, nil, { _ in Interruption.watch() }, nil) == 0 else { return }
    pthread_detach(thread)
  }

  private static func watch() -> UnsafeMutableRawPointer? {
    // A signal before the latch existed wrote no byte to it, but was recorded.
    if signal == 0 {
      var ready = pollfd(fd: latch.load(ordering: .acquiring), events: Int16(POLLIN), revents: 0)
      while poll(&ready, 1, -1) != 1 {}
    }
    // The latch stays readable, and a second signal ends the process: one pass is all there is.
    for (core, owner, _) in open.withLock({ Array($0.values) }) {
      core.noteInterruption()
      pthread_kill(owner, SIGUSR2)
    }
    return nil
  }
}

extension SessionCore {
  /// Records a signal that ``Interruption`` received as this session's failure, unless it already
  /// failed; the waits that check the failure then end.
  func noteInterruption() {
    let number = Interruption.signal
    guard number != 0 else { return }
    state.update { state in
      if state.failure == nil { state.failure = .interrupted(signal: number) }
    }
  }
}
