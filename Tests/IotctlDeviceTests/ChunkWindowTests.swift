import IotctlBase
import IotctlDevice
import Testing

/// The adaptive window's rules, on a simulated clock: a path whose throughput grows with the window (a
/// Nagle path, where each answer waits for a delayed ACK) and one whose throughput does not.
@Suite struct ChunkWindowTests {
  /// Feeds chunks whose arrival rate is `rate(windowSize)` chunks per second until `count` arrived.
  func run(_ window: inout ChunkWindow, chunks count: Int, rate: (Int) -> Double) {
    var clock: UInt64 = 1_000_000_000
    for _ in 0..<count {
      clock += UInt64(1e9 / rate(window.size))
      window.chunkArrived(at: Deadline(nanoseconds: clock))
    }
  }

  @Test func onANaglePathItGrowsToThePlatformsLimit() {
    var window = ChunkWindow.adaptive(limit: 100)
    #expect(window.size == 32)
    // Every chunk in flight waits ~40 ms: throughput is proportional to the window.
    run(&window, chunks: 1000) { Double($0) / 0.04 }
    #expect(window.size == 100)
  }

  @Test func onANoDelayPathAWiderWindowCostsNothingSoItGrows() {
    var window = ChunkWindow.adaptive(limit: 100)
    // 5,000 chunks/s whatever the window.
    run(&window, chunks: 1000) { _ in 5000 }
    #expect(window.size == 100)
  }

  @Test func whereThroughputFallsItStepsBackAndStays() {
    var window = ChunkWindow.adaptive(limit: 1000)
    // Best at 32; a window of 64 or more floods the path and is a third slower.
    run(&window, chunks: 5000) { $0 <= 32 ? Double($0) / 0.04 : 600 }
    #expect(window.size == 32)
  }

  @Test func aTimeoutHalvesItAndAPinnedWindowNeverMoves() {
    var window = ChunkWindow.adaptive(limit: 64)
    window.chunkTimedOut()
    #expect(window.size == 16)
    var pinned = ChunkWindow.fixed(3)
    run(&pinned, chunks: 100) { Double($0) / 0.04 }
    pinned.chunkTimedOut()
    #expect(pinned.size == 3 && !pinned.isAdaptive)
    #expect(ChunkWindow.adaptive(limit: 2).size == 2)
  }
}
