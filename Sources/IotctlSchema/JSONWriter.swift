/// Serialises JSON values compactly, one line, keys in document order. The writers append UTF-8 bytes;
/// the `String` forms decode them once.
extension JSONValue {
  /// The compact JSON text of this value.
  public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }

  /// The compact JSON text of this value as UTF-8 bytes, ready to publish.
  public var jsonBytes: [UInt8] {
    var output: [UInt8] = []
    write(to: &output)
    return output
  }

  /// Appends the compact JSON text of this value to `output`.
  public func write(to output: inout [UInt8]) {
    switch self {
    case .null: output += "null".utf8
    case .bool(let value): output += (value ? "true" : "false").utf8
    case .number(let value): output += value.literal.utf8
    case .string(let value): JSONValue.writeString(value, to: &output)
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for (offset, value) in values.enumerated() {
        if offset > 0 { output.append(UInt8(ascii: ",")) }
        value.write(to: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      output.append(UInt8(ascii: "{"))
      for (offset, member) in object.members.enumerated() {
        if offset > 0 { output.append(UInt8(ascii: ",")) }
        JSONValue.writeString(member.key, to: &output)
        output.append(UInt8(ascii: ":"))
        member.value.write(to: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  /// Appends `value` as a JSON string literal.
  public static func writeString(_ value: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    for byte in value.utf8 {
      switch byte {
      case 0x22: output += #"\""#.utf8
      case 0x5C: output += #"\\"#.utf8
      case 0x0A: output += #"\n"#.utf8
      case 0x0D: output += #"\r"#.utf8
      case 0x09: output += #"\t"#.utf8
      case 0x08: output += #"\b"#.utf8
      case 0x0C: output += #"\f"#.utf8
      case 0..<0x20: output += ("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)).utf8
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}

extension JSONValue {
  /// Indented JSON text for files people edit: two spaces per level, one member per line, and a final newline.
  public var prettyText: String {
    var output: [UInt8] = []
    writePretty(to: &output, level: 0)
    output.append(0x0A)
    return String(decoding: output, as: UTF8.self)
  }

  private func writePretty(to output: inout [UInt8], level: Int) {
    let inner = String(repeating: "  ", count: level + 1).utf8
    let outer = String(repeating: "  ", count: level).utf8
    switch self {
    case .array(let values) where !values.isEmpty:
      output += "[\n".utf8
      for (offset, value) in values.enumerated() {
        output += inner
        value.writePretty(to: &output, level: level + 1)
        output += (offset == values.count - 1 ? "\n" : ",\n").utf8
      }
      output += outer
      output.append(UInt8(ascii: "]"))
    case .object(let object) where !object.isEmpty:
      output += "{\n".utf8
      for (offset, member) in object.members.enumerated() {
        output += inner
        JSONValue.writeString(member.key, to: &output)
        output += ": ".utf8
        member.value.writePretty(to: &output, level: level + 1)
        output += (offset == object.count - 1 ? "\n" : ",\n").utf8
      }
      output += outer
      output.append(UInt8(ascii: "}"))
    default:
      write(to: &output)
    }
  }
}
