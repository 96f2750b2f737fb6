/// CRC-32 (IEEE 802.3, as zlib and Java compute it).
enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  /// Folds `bytes` into a running (inverted) CRC; start from 0xFFFFFFFF and invert at the end.
  static func update(_ crc: inout UInt32, _ bytes: UnsafeRawBufferPointer) {
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
  }
}
