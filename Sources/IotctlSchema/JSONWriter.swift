/// Serialises JSON values compactly, one line, keys in document order.
extension JSONValue {
  /// The compact JSON text of this value.
  public var jsonText: String {
    var output = ""
    write(to: &output)
    return output
  }

  /// Appends the compact JSON text of this value to `output`.
  public func write(to output: inout String) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .number(let value): output += value.literal
    case .string(let value): JSONValue.writeString(value, to: &output)
    case .array(let values):
      output += "["
      for (offset, value) in values.enumerated() {
        if offset > 0 { output += "," }
        value.write(to: &output)
      }
      output += "]"
    case .object(let object):
      output += "{"
      for (offset, member) in object.members.enumerated() {
        if offset > 0 { output += "," }
        JSONValue.writeString(member.key, to: &output)
        output += ":"
        member.value.write(to: &output)
      }
      output += "}"
    }
  }

  /// Appends `value` as a JSON string literal.
  public static func writeString(_ value: String, to output: inout String) {
    output += "\""
    var plainStart = value.utf8.startIndex
    var index = plainStart
    let utf8 = value.utf8
    while index != utf8.endIndex {
      let byte = utf8[index]
      let escape: String? =
        switch byte {
        case 0x22: "\\\""
        case 0x5C: "\\\\"
        case 0x0A: "\\n"
        case 0x0D: "\\r"
        case 0x09: "\\t"
        case 0x08: "\\b"
        case 0x0C: "\\f"
        case 0..<0x20: "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        default: nil
        }
      if let escape {
        output += value[plainStart..<index]
        output += escape
        plainStart = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    output += value[plainStart..<index]
    output += "\""
  }
}

extension JSONValue {
  /// Indented JSON text for files people edit: two spaces per level, one member per line, and a final newline.
  public var prettyText: String {
    var output = ""
    writePretty(to: &output, level: 0)
    return output + "\n"
  }

  private func writePretty(to output: inout String, level: Int) {
    let inner = String(repeating: "  ", count: level + 1)
    let outer = String(repeating: "  ", count: level)
    switch self {
    case .array(let values) where !values.isEmpty:
      output += "[\n"
      for (offset, value) in values.enumerated() {
        output += inner
        value.writePretty(to: &output, level: level + 1)
        output += offset == values.count - 1 ? "\n" : ",\n"
      }
      output += outer + "]"
    case .object(let object) where !object.isEmpty:
      output += "{\n"
      for (offset, member) in object.members.enumerated() {
        output += inner
        JSONValue.writeString(member.key, to: &output)
        output += ": "
        member.value.writePretty(to: &output, level: level + 1)
        output += offset == object.count - 1 ? "\n" : ",\n"
      }
      output += outer + "}"
    default:
      write(to: &output)
    }
  }
}
