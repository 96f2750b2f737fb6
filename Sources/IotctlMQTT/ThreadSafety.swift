#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mutex with a condition variable that guards a value of type `State`.
///
/// This is the one place in `IotctlMQTT` that is `@unchecked Sendable`: every access to `state`
/// happens with `mutex` held, and libmosquitto's network thread only reaches the state through
/// `withLock` and `broadcast`. `Synchronization.Mutex` has no condition variable, and waiting for
/// acknowledgements with a deadline needs one.
package final class ConditionLock<State>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var state: State

  package init(_ initial: State) {
    state = initial
    pthread_mutex_init(mutex, nil)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
  }

  /// Runs `body` with the lock held.
  package func withLock<R>(_ body: (inout State) throws -> R) rethrows -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(&state)
  }

  /// Runs `body` with the lock held, then wakes every waiter.
  package func update<R>(_ body: (inout State) throws -> R) rethrows -> R {
    pthread_mutex_lock(mutex)
    defer {
      pthread_cond_broadcast(condition)
      pthread_mutex_unlock(mutex)
    }
    return try body(&state)
  }

  /// Runs `body` with the lock held, and wakes the waiters only if it returns `true`: for frequent
  /// changes that a waiter needs only some of.
  package func updateSelectively(_ body: (inout State) -> Bool) {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if body(&state) { pthread_cond_broadcast(condition) }
  }

  /// Waits until `ready` returns a value or `deadline` passes, then returns that value (or `nil`).
  ///
  /// `ready` runs with the lock held and may change the state, for example to dequeue a message;
  /// with `signal`, other waiters are woken once it has returned a value.
  package func wait<R>(until deadline: Deadline?, signal: Bool = false, _ ready: (inout State) -> R?) -> R? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while true {
      if let value = ready(&state) {
        if signal { pthread_cond_broadcast(condition) }
        return value
      }
      if let deadline {
        if deadline.hasPassed { return nil }
        var limit = deadline.cTimespec
        _ = pthread_cond_timedwait(condition, mutex, &limit)
      } else {
        pthread_cond_wait(condition, mutex)
      }
    }
  }
}

/// A libmosquitto client handle that may cross to the network thread.
///
/// libmosquitto is built thread-safe, and a session with a network thread puts it in threaded mode
/// (`mosquitto_threaded_set`), so calls from the owner thread and from callbacks on the network
/// thread may interleave. The handle is destroyed only after the network thread has been joined.
struct MosquittoHandle: @unchecked Sendable {
  let pointer: OpaquePointer
}
