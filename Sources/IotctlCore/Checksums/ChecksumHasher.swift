/// A checksum computed piece by piece, so that a file of any size is verified in bounded memory.
public struct ChecksumHasher {
  public let algorithm: ChecksumAlgorithm
  private var length: UInt64 = 0
  /// Bytes waiting for a whole block.
  private var pending: [UInt8] = []
  private var words32: [UInt32] = []
  private var words64: [UInt64] = []
  private var crc: UInt32 = 0xFFFF_FFFF
  private var murmur32: UInt32 = 0
  private var murmur128: (UInt64, UInt64) = (0, 0)

  public init(_ algorithm: ChecksumAlgorithm) {
    self.algorithm = algorithm
    switch algorithm {
    case .md5: words32 = MD5.initial
    case .sha256: words32 = SHA2.initial256
    case .sha384: words64 = SHA2.initial384
    case .sha512: words64 = SHA2.initial512
    case .crc32, .murmur3_32, .murmur3_128: break
    }
  }

  private var blockSize: Int {
    switch algorithm {
    case .md5, .sha256: 64
    case .sha384, .sha512: 128
    case .murmur3_32: 4
    case .murmur3_128: 16
    case .crc32: 1
    }
  }

  public mutating func update(_ bytes: [UInt8]) {
    length += UInt64(bytes.count)
    if algorithm == .crc32 {
      bytes.withUnsafeBytes { CRC32.update(&crc, $0) }
      return
    }
    pending.append(contentsOf: bytes)
    let size = blockSize
    let whole = pending.count - pending.count % size
    guard whole > 0 else { return }
    pending.withUnsafeBytes { buffer in
      for offset in stride(from: 0, to: whole, by: size) {
        compress(UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + size]))
      }
    }
    pending.removeFirst(whole)
  }

  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    switch algorithm {
    case .md5: MD5.compress(block, into: &words32)
    case .sha256: SHA2.compress256(block, into: &words32)
    case .sha384, .sha512: SHA2.compress512(block, into: &words64)
    case .murmur3_32: Murmur3.block32(block, into: &murmur32)
    case .murmur3_128: Murmur3.block128(block, into: &murmur128)
    case .crc32: break
    }
  }

  /// The digest bytes, in the order ``ChecksumAlgorithm/digest(_:)`` documents.
  public func finalize() -> [UInt8] {
    var copy = self
    switch algorithm {
    case .crc32:
      return Self.littleEndian(~crc)
    case .murmur3_32:
      return Self.littleEndian(Murmur3.finish32(murmur32, tail: pending, length: Int(length)))
    case .murmur3_128:
      return Murmur3.finish128(murmur128, tail: pending, length: Int(length)).flatMap { word in
        (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
      }
    case .md5:
      copy.append(MD5.padding(length: length))
      return MD5.digest(copy.words32)
    case .sha256:
      copy.append(SHA2.padding(length: length, block: 64))
      return copy.words32.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    case .sha384, .sha512:
      copy.append(SHA2.padding(length: length, block: 128))
      let words = algorithm == .sha384 ? 6 : 8
      return copy.words64.prefix(words).flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * UInt64($0))) } }
    }
  }

  /// Adds padding bytes without counting them in the length.
  private mutating func append(_ padding: [UInt8]) {
    let saved = length
    update(padding)
    length = saved
  }

  private static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}
