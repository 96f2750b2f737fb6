/// MurmurHash3 (x86_32 and x64_128) with seed 0, as Guava's `murmur3_32_fixed` and `murmur3_128` compute it.
enum Murmur3 {
  static let c1_32: UInt32 = 0xcc9e_2d51
  static let c2_32: UInt32 = 0x1b87_3593
  static let c1_128: UInt64 = 0x87c3_7b91_1142_53d5
  static let c2_128: UInt64 = 0x4cf5_ad43_2745_937f

  /// Folds one 4-byte block into the 32-bit state.
  static func block32(_ block: UnsafeRawBufferPointer, into h1: inout UInt32) {
    var k1 = (0..<4).reduce(UInt32(0)) { $0 | UInt32(block[$1]) << (8 * UInt32($1)) }
    k1 = (k1 &* c1_32).rotatedLeft(15) &* c2_32
    h1 ^= k1
    h1 = h1.rotatedLeft(13) &* 5 &+ 0xe654_6b64
  }

  /// The 32-bit hash from the state, the last (under 4) bytes and the total length.
  static func finish32(_ state: UInt32, tail: [UInt8], length: Int) -> UInt32 {
    var h1 = state
    var k1: UInt32 = 0
    for (index, byte) in tail.enumerated() { k1 ^= UInt32(byte) << (8 * UInt32(index)) }
    if !tail.isEmpty { h1 ^= (k1 &* c1_32).rotatedLeft(15) &* c2_32 }
    h1 ^= UInt32(truncatingIfNeeded: length)
    h1 ^= h1 >> 16
    h1 = h1 &* 0x85eb_ca6b
    h1 ^= h1 >> 13
    h1 = h1 &* 0xc2b2_ae35
    h1 ^= h1 >> 16
    return h1
  }

  /// Folds one 16-byte block into the 128-bit state (h1, h2).
  static func block128(_ block: UnsafeRawBufferPointer, into state: inout (UInt64, UInt64)) {
    var (h1, h2) = state
    var k1 = (0..<8).reduce(UInt64(0)) { $0 | UInt64(block[$1]) << (8 * UInt64($1)) }
    var k2 = (0..<8).reduce(UInt64(0)) { $0 | UInt64(block[8 + $1]) << (8 * UInt64($1)) }
    k1 = (k1 &* c1_128).rotatedLeft(31) &* c2_128
    h1 ^= k1
    h1 = (h1.rotatedLeft(27) &+ h2) &* 5 &+ 0x52dc_e729
    k2 = (k2 &* c2_128).rotatedLeft(33) &* c1_128
    h2 ^= k2
    h2 = (h2.rotatedLeft(31) &+ h1) &* 5 &+ 0x3849_5ab5
    state = (h1, h2)
  }

  /// The two 64-bit halves, h1 then h2, from the state, the last (under 16) bytes and the total length.
  static func finish128(_ state: (UInt64, UInt64), tail: [UInt8], length: Int) -> [UInt64] {
    var (h1, h2) = state
    var k1: UInt64 = 0
    var k2: UInt64 = 0
    for (index, byte) in tail.enumerated() {
      if index < 8 { k1 ^= UInt64(byte) << (8 * UInt64(index)) } else { k2 ^= UInt64(byte) << (8 * UInt64(index - 8)) }
    }
    if tail.count > 8 { h2 ^= (k2 &* c2_128).rotatedLeft(33) &* c1_128 }
    if !tail.isEmpty { h1 ^= (k1 &* c1_128).rotatedLeft(31) &* c2_128 }
    h1 ^= UInt64(length)
    h2 ^= UInt64(length)
    h1 = h1 &+ h2
    h2 = h2 &+ h1
    h1 = mix(h1)
    h2 = mix(h2)
    h1 = h1 &+ h2
    h2 = h2 &+ h1
    return [h1, h2]
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    var k = value
    k ^= k >> 33
    k = k &* 0xff51_afd7_ed55_8ccd
    k ^= k >> 33
    k = k &* 0xc4ce_b9fe_1a85_ec53
    k ^= k >> 33
    return k
  }
}

extension FixedWidthInteger where Self: UnsignedInteger {
  func rotatedLeft(_ count: Int) -> Self { (self << count) | (self >> (Self.bitWidth - count)) }
}
