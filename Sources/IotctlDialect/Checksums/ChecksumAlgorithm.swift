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
    var hasher = ChecksumHasher(self)
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest as lower-case hex, the form of ThingsBoard's `fw_checksum` attribute.
  public func hexDigest(_ bytes: [UInt8]) -> String { Self.hex(digest(bytes)) }

  /// Bytes as lower-case hex.
  public static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
