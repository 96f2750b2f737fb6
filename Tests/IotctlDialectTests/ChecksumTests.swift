import IotctlDialect
import Testing

/// Known answers: the FIPS and RFC examples, and for the 32-bit and Murmur algorithms, values computed by
/// zlib and the mmh3 package, written in ThingsBoard's (Guava's) little-endian byte order.
@Suite struct ChecksumTests {
  let abc = Array("abc".utf8)
  let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
  let long = Array((0..<768).map { UInt8($0 % 256) })

  @Test func cryptographicDigestsMatchTheStandards() {
    #expect(ChecksumAlgorithm.md5.hexDigest(abc) == "900150983cd24fb0d6963f7d28e17f72")
    #expect(ChecksumAlgorithm.md5.hexDigest([]) == "d41d8cd98f00b204e9800998ecf8427e")
    #expect(ChecksumAlgorithm.sha256.hexDigest(abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      ChecksumAlgorithm.sha384.hexDigest(abc)
        == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    #expect(
      ChecksumAlgorithm.sha512.hexDigest(abc)
        == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    // Two blocks, to cover padding across a block boundary.
    #expect(
      ChecksumAlgorithm.sha256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func thirtyTwoBitChecksumsAreLittleEndianAsThingsBoardWritesThem() {
    // zlib.crc32(b"hello") == 0x3610a686
    #expect(ChecksumAlgorithm.crc32.hexDigest(Array("hello".utf8)) == "86a61036")
    #expect(ChecksumAlgorithm.crc32.hexDigest(long) == "2adfc0b0")  // 0xb0c0df2a
    // mmh3.hash(x, signed=False)
    #expect(ChecksumAlgorithm.murmur3_32.hexDigest(Array("hello".utf8)) == "47fa8b24")  // 0x248bfa47
    #expect(ChecksumAlgorithm.murmur3_32.hexDigest(fox) == "23f74f2e")  // 0x2e4ff723
    #expect(ChecksumAlgorithm.murmur3_32.hexDigest([]) == "00000000")
  }

  @Test func murmur128IsH1ThenH2LittleEndian() {
    // mmh3.hash128(x, signed=False) == h2 << 64 | h1
    #expect(ChecksumAlgorithm.murmur3_128.hexDigest(Array("hello".utf8)) == "029bbd41b3a7d8cb191dae486a901e5b")
    #expect(ChecksumAlgorithm.murmur3_128.hexDigest(fox) == "6c1b07bc7bbc4be347939ac4a93c437a")
    #expect(ChecksumAlgorithm.murmur3_128.hexDigest(long) == "b626b903306c92cf3846f3e2e5d953fa")
  }

  @Test func namesAreCaseInsensitive() {
    #expect(ChecksumAlgorithm(name: "sha256") == .sha256)
    #expect(ChecksumAlgorithm(name: "Murmur3_128") == .murmur3_128)
    #expect(ChecksumAlgorithm(name: "crc64") == nil)
  }

  @Test(arguments: ChecksumAlgorithm.allCases)
  func piecewiseHashingEqualsOneShot(algorithm: ChecksumAlgorithm) {
    let data = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hasher = ChecksumHasher(algorithm)
    var offset = 0
    for size in [1, 3, 64, 127, 1000, 5, 4096] + Array(repeating: 997, count: 10) where offset < data.count {
      let end = min(offset + size, data.count)
      hasher.update(Array(data[offset..<end]))
      offset = end
    }
    hasher.update(Array(data[offset...]))
    #expect(hasher.finalize() == algorithm.digest(data))
    #expect(ChecksumAlgorithm.hex(hasher.finalize()) == algorithm.hexDigest(data))
  }
}

