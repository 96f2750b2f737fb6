import IotctlBase

/// How many chunk requests a ``ChunkedTransfer`` keeps in flight: pinned (`--window N`), or adaptive.
///
/// The adaptive window starts at ``initialAdaptive`` and measures throughput over each round of
/// `size` chunks. It doubles while a round is no slower than the last (within a twentieth, for noise),
/// up to `limit` (the platform's in-flight limit); once a round is a tenth slower it steps back to the
/// size before and stays; a chunk timeout halves it. On a path where answers wait for delayed ACKs (a
/// broker and a cloud that Nagle), throughput grows with the window until the stalls overlap, and a
/// window of 8 can be slower than one of 1; on a path without delay throughput is flat, and a larger
/// window costs nothing.
public struct ChunkWindow: Sendable, Equatable {
  /// Requests in flight now.
  public private(set) var size: Int
  /// The most it may grow to.
  public let limit: Int
  public let isAdaptive: Bool
  private var roundStart: Deadline?
  private var roundChunks = 0
  private var lastRate = 0.0
  private var growing = true

  /// Where an adaptive window starts: on a Nagle path a window of 8 stalls more than one of 1 or 32
  /// (bench/firmware.py), and on a path without delay 32 costs nothing.
  public static let initialAdaptive = 32

  /// A window of `size` requests, never changed.
  public static func fixed(_ size: Int) -> ChunkWindow { ChunkWindow(size: max(size, 1), limit: max(size, 1), isAdaptive: false) }

  /// A window that adapts between 1 and `limit`.
  public static func adaptive(limit: Int) -> ChunkWindow {
    let limit = max(limit, 1)
    return ChunkWindow(size: min(initialAdaptive, limit), limit: limit, isAdaptive: true)
  }

  private init(size: Int, limit: Int, isAdaptive: Bool) {
    self.size = size
    self.limit = limit
    self.isAdaptive = isAdaptive
  }

  /// A chunk arrived at `now`.
  public mutating func chunkArrived(at now: Deadline = .now) {
    guard isAdaptive else { return }
    guard let start = roundStart else {
      roundStart = now
      return
    }
    roundChunks += 1
    guard roundChunks >= size else { return }
    let rate = Double(roundChunks) / max(now.seconds(since: start), 1e-6)
    if growing {
      if rate >= lastRate * 0.95 {
        lastRate = max(rate, lastRate)
        size = min(size * 2, limit)
        if size == limit { growing = false }
      } else if rate < lastRate * 0.9 {
        growing = false
        size = max(size / 2, 1)
      }
    }
    roundStart = now
    roundChunks = 0
  }

  /// A request went unanswered within the chunk timeout.
  public mutating func chunkTimedOut() {
    guard isAdaptive else { return }
    size = max(size / 2, 1)
    growing = false
    roundStart = nil
    roundChunks = 0
  }
}
