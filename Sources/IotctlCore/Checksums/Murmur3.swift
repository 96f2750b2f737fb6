/// MurmurHash3 (x86_32 and x64_128) with seed 0, as Guava's `murmur3_32_fixed` and `murmur3_128` compute it.
enum Murmur3 {
  static func hash32(_ bytes: [UInt8]) -> UInt32 {
    let c1: UInt32 = 0xcc9e_2d51
    let c2: UInt32 = 0x1b87_3593
    var h1: UInt32 = 0
    let blocks = bytes.count / 4
    for block in 0..<blocks {
      var k1 = word32(bytes, block * 4)
      k1 = (k1 &* c1).rotatedLeft(15) &* c2
      h1 ^= k1
      h1 = h1.rotatedLeft(13) &* 5 &+ 0xe654_6b64
    }
    var k1: UInt32 = 0
    let tail = blocks * 4
    for index in stride(from: bytes.count - tail - 1, through: 0, by: -1) {
      k1 ^= UInt32(bytes[tail + index]) << (8 * UInt32(index))
    }
    if bytes.count > tail { h1 ^= (k1 &* c1).rotatedLeft(15) &* c2 }
    h1 ^= UInt32(truncatingIfNeeded: bytes.count)
    h1 ^= h1 >> 16
    h1 = h1 &* 0x85eb_ca6b
    h1 ^= h1 >> 13
    h1 = h1 &* 0xc2b2_ae35
    h1 ^= h1 >> 16
    return h1
  }

  /// The two 64-bit halves, h1 then h2.
  static func hash128(_ bytes: [UInt8]) -> [UInt64] {
    let c1: UInt64 = 0x87c3_7b91_1142_53d5
    let c2: UInt64 = 0x4cf5_ad43_2745_937f
    var h1: UInt64 = 0
    var h2: UInt64 = 0
    let blocks = bytes.count / 16
    for block in 0..<blocks {
      var k1 = word64(bytes, block * 16)
      var k2 = word64(bytes, block * 16 + 8)
      k1 = (k1 &* c1).rotatedLeft(31) &* c2
      h1 ^= k1
      h1 = (h1.rotatedLeft(27) &+ h2) &* 5 &+ 0x52dc_e729
      k2 = (k2 &* c2).rotatedLeft(33) &* c1
      h2 ^= k2
      h2 = (h2.rotatedLeft(31) &+ h1) &* 5 &+ 0x3849_5ab5
    }
    let tail = blocks * 16
    var k1: UInt64 = 0
    var k2: UInt64 = 0
    for index in 0..<(bytes.count - tail) {
      let value = UInt64(bytes[tail + index])
      if index < 8 { k1 ^= value << (8 * UInt64(index)) } else { k2 ^= value << (8 * UInt64(index - 8)) }
    }
    if bytes.count - tail > 8 { h2 ^= (k2 &* c2).rotatedLeft(33) &* c1 }
    if bytes.count > tail { h1 ^= (k1 &* c1).rotatedLeft(31) &* c2 }
    h1 ^= UInt64(bytes.count)
    h2 ^= UInt64(bytes.count)
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

  private static func word32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
  }

  private static func word64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
    (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
  }
}

extension FixedWidthInteger where Self: UnsignedInteger {
  func rotatedLeft(_ count: Int) -> Self { (self << count) | (self >> (Self.bitWidth - count)) }
}
