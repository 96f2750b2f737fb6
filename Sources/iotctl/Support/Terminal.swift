/// Text from the network made safe to print: control characters (ESC, BEL, carriage return and the other
/// C0 and C1 codes) are shown as `\u{XX}` instead of acting on the terminal.
enum Terminal {
  /// - Parameter lines: keep newlines and tabs (for messages of several lines).
  static func printable(_ text: String, lines: Bool = false) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      let kept = lines && (scalar == "\n" || scalar == "\t")
      if !kept && (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) {
        result += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
