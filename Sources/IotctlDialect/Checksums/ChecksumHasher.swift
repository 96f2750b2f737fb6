import COpenSSL
import CZlib

/// A checksum computed piece by piece, so that a file of any size is verified in bounded memory. MD5 and
/// SHA-2 come from libcrypto, CRC32 from zlib; only Murmur3, which neither has, is computed here.
public struct ChecksumHasher {
  public let algorithm: ChecksumAlgorithm
  private var digest: DigestContext?
  private var crc: uLong = 0
  private var length: UInt64 = 0
  /// Murmur3's bytes waiting for a whole block.
  private var pending: [UInt8] = []
  private var murmur32: UInt32 = 0
  private var murmur128: (UInt64, UInt64) = (0, 0)

  public init(_ algorithm: ChecksumAlgorithm) {
    self.algorithm = algorithm
    switch algorithm {
    case .md5: digest = DigestContext(EVP_md5())
    case .sha256: digest = DigestContext(EVP_sha256())
    case .sha384: digest = DigestContext(EVP_sha384())
    case .sha512: digest = DigestContext(EVP_sha512())
    case .crc32: crc = CZlib.crc32(0, nil, 0)
    case .murmur3_32, .murmur3_128: break
    }
  }

  public mutating func update(_ bytes: [UInt8]) {
    length += UInt64(bytes.count)
    switch algorithm {
    case .md5, .sha256, .sha384, .sha512:
      if !isKnownUniquelyReferenced(&digest!) { digest = digest!.copy() }
      digest!.update(bytes)
    case .crc32:
      bytes.withUnsafeBufferPointer { buffer in
        var offset = 0
        // zlib takes a 32-bit length: feed it a gigabyte at a time.
        while offset < buffer.count {
          let count = min(buffer.count - offset, 1 << 30)
          crc = CZlib.crc32(crc, buffer.baseAddress! + offset, uInt(count))
          offset += count
        }
      }
    case .murmur3_32, .murmur3_128:
      pending.append(contentsOf: bytes)
      let size = algorithm == .murmur3_32 ? 4 : 16
      let whole = pending.count - pending.count % size
      guard whole > 0 else { return }
      pending.withUnsafeBytes { buffer in
        for offset in stride(from: 0, to: whole, by: size) {
          let block = UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + size])
          if size == 4 { Murmur3.block32(block, into: &murmur32) } else { Murmur3.block128(block, into: &murmur128) }
        }
      }
      pending.removeFirst(whole)
    }
  }

  /// The digest bytes, in the order ``ChecksumAlgorithm/digest(_:)`` documents.
  public func finalize() -> [UInt8] {
    switch algorithm {
    case .md5, .sha256, .sha384, .sha512:
      return digest!.copy().finish()
    case .crc32:
      return Self.littleEndian(UInt32(truncatingIfNeeded: crc))
    case .murmur3_32:
      return Self.littleEndian(Murmur3.finish32(murmur32, tail: pending, length: Int(truncatingIfNeeded: length)))
    case .murmur3_128:
      return Murmur3.finish128(murmur128, tail: pending, length: Int(truncatingIfNeeded: length)).flatMap { word in
        (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
      }
    }
  }

  private static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}

/// An OpenSSL message digest context, owned and freed with this object.
private final class DigestContext {
  private let context: OpaquePointer

  init(_ type: OpaquePointer?) {
    // Allocation failure is out of memory; nothing sensible continues from there.
    context = EVP_MD_CTX_new()!
    EVP_DigestInit_ex(context, type, nil)
  }

  private init(copying other: DigestContext) {
    context = EVP_MD_CTX_new()!
    EVP_MD_CTX_copy_ex(context, other.context)
  }

  deinit { EVP_MD_CTX_free(context) }

  func copy() -> DigestContext { DigestContext(copying: self) }

  func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
  }

  func finish() -> [UInt8] {
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var size: UInt32 = 0
    EVP_DigestFinal_ex(context, &output, &size)
    return Array(output.prefix(Int(size)))
  }
}
