#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A point on the monotonic clock, in nanoseconds.
public struct Deadline: Sendable, Comparable {
  /// Nanoseconds since an arbitrary monotonic origin.
  public let nanoseconds: UInt64

  public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

  /// The current monotonic time.
  public static var now: Deadline {
    var value = timespec()
    clock_gettime(CLOCK_MONOTONIC, &value)
    return Deadline(nanoseconds: UInt64(value.tv_sec) * 1_000_000_000 + UInt64(value.tv_nsec))
  }

  /// The deadline `seconds` from now; a negative or zero value means now.
  public static func after(seconds: Double) -> Deadline {
    let delta = seconds > 0 ? UInt64(min(seconds, 1e9) * 1e9) : 0
    return Deadline(nanoseconds: now.nanoseconds &+ delta)
  }

  /// Whether the deadline lies in the past.
  public var hasPassed: Bool { Deadline.now >= self }

  /// Seconds from now until the deadline (zero once it has passed).
  public var secondsRemaining: Double {
    let current = Deadline.now.nanoseconds
    return nanoseconds > current ? Double(nanoseconds - current) / 1e9 : 0
  }

  /// Seconds elapsed since `earlier`.
  public func seconds(since earlier: Deadline) -> Double {
    Double(Int64(bitPattern: nanoseconds &- earlier.nanoseconds)) / 1e9
  }

  /// The deadline as a `timespec` on `CLOCK_MONOTONIC`, for `pthread_cond_timedwait`.
  package var cTimespec: timespec {
    .init(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
  }

  public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}

/// A wall-clock instant, used to stamp received messages.
public struct WallTime: Sendable, Equatable {
  public var seconds: Int
  public var nanoseconds: Int

  public init(seconds: Int, nanoseconds: Int) {
    self.seconds = seconds
    self.nanoseconds = nanoseconds
  }

  /// The current wall-clock time.
  public static var now: WallTime {
    var value = timespec()
    clock_gettime(CLOCK_REALTIME, &value)
    return WallTime(seconds: Int(value.tv_sec), nanoseconds: Int(value.tv_nsec))
  }
}

/// Durations as people read them.
public enum Seconds {
  /// `5` for whole seconds, `0.5` otherwise; never traps, whatever the value.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : "forever" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
}

/// Sleeps of any length.
public enum Sleep {
  /// Sleeps for `seconds` (nothing for zero, a negative value or NaN), resuming after signals.
  public static func seconds(_ seconds: Double) {
    guard seconds > 0 else { return }
    let end = Deadline.after(seconds: seconds)
    while !end.hasPassed {
      let left = end.secondsRemaining
      var request = timespec(tv_sec: Int(left.rounded(.down)), tv_nsec: Int((left - left.rounded(.down)) * 1e9))
      _ = nanosleep(&request, nil)
    }
  }
}
