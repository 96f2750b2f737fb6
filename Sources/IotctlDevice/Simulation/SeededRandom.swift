/// A small, fast random number generator (xoshiro256**, seeded through SplitMix64). A simulated
/// device draws from its own, seeded from the run's seed and its number, so that a device behaves the
/// same in every run and on every shard.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var mix = seed
    func next() -> UInt64 {
      mix &+= 0x9E37_79B9_7F4A_7C15
      var z = mix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (next(), next(), next(), next())
  }

  public mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotate(state.3, 45)
    return result
  }

  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// A uniform value in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A normally distributed value (Box–Muller).
  public mutating func normal(mean: Double, deviation: Double) -> Double {
    let u1 = max(unit(), .leastNonzeroMagnitude)
    let u2 = unit()
    return mean + deviation * (-2 * _log(u1)).squareRoot() * _cos(2 * .pi * u2)
  }
}

#if canImport(Glibc)
  import Glibc
  @inline(__always) func _log(_ x: Double) -> Double { Glibc.log(x) }
  @inline(__always) func _cos(_ x: Double) -> Double { Glibc.cos(x) }
  @inline(__always) func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#elseif canImport(Musl)
  import Musl
  @inline(__always) func _log(_ x: Double) -> Double { Musl.log(x) }
  @inline(__always) func _cos(_ x: Double) -> Double { Musl.cos(x) }
  @inline(__always) func _sin(_ x: Double) -> Double { Musl.sin(x) }
#endif
