/// The firmware checksum algorithms ThingsBoard offers, with digests written as ThingsBoard writes them.
public enum ChecksumAlgorithm: String, Sendable, CaseIterable {
  case md5 = "MD5"
  case sha256 = "SHA256"
  case sha384 = "SHA384"
  case sha512 = "SHA512"
  case crc32 = "CRC32"
  case murmur3_32 = "MURMUR3_32"
  case murmur3_128 = "MURMUR3_128"

  /// The algorithm named `name`, in any letter case.
  public init?(name: String) { self.init(rawValue: name.uppercased()) }

  /// The digest bytes. The 32-bit algorithms' values are given in little-endian byte order, as Guava's
  /// `HashCode.toString()` (which ThingsBoard uses) prints them; MURMUR3_128 is h1 then h2, each
  /// little-endian.
  public func digest(_ bytes: [UInt8]) -> [UInt8] {
    switch self {
    case .md5: MD5.hash(bytes)
    case .sha256: SHA2.sha256(bytes)
    case .sha384: SHA2.sha384(bytes)
    case .sha512: SHA2.sha512(bytes)
    case .crc32: Self.littleEndian(CRC32.checksum(bytes))
    case .murmur3_32: Self.littleEndian(Murmur3.hash32(bytes))
    case .murmur3_128:
      Murmur3.hash128(bytes).flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    }
  }

  /// The digest as lower-case hex, the form of ThingsBoard's `fw_checksum` attribute.
  public func hexDigest(_ bytes: [UInt8]) -> String {
    digest(bytes).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  private static func littleEndian(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }
}
