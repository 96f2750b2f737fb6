/// Punycode (RFC 3492), for host names' A-labels (`xn--…`).
enum Punycode {
  private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700

  /// The code points `input` (the label after `xn--`) encodes, or `nil` if it is not valid Punycode.
  static func decode(_ input: [UInt8]) -> [Unicode.Scalar]? {
    let split = input.lastIndex(of: 0x2D)
    var output: [Unicode.Scalar] = []
    for byte in input[..<(split ?? 0)] {
      guard byte < 0x80 else { return nil }
      output.append(Unicode.Scalar(byte))
    }
    var position = split.map { $0 + 1 } ?? 0
    var n = 128, i = 0, bias = 72
    while position < input.count {
      let old = i
      var weight = 1
      var k = base
      while true {
        guard position < input.count, let digit = value(of: input[position]) else { return nil }
        position += 1
        let (added, overflow) = digit.multipliedReportingOverflow(by: weight)
        guard !overflow, i <= Int(UInt32.max) - added else { return nil }
        i += added
        let threshold = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
        if digit < threshold { break }
        let (next, grew) = weight.multipliedReportingOverflow(by: base - threshold)
        guard !grew, next <= Int(UInt32.max) else { return nil }
        weight = next
        k += base
      }
      bias = adapt(i - old, count: output.count + 1, first: old == 0)
      n += i / (output.count + 1)
      i %= output.count + 1
      guard n <= 0x10FFFF, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
      output.insert(scalar, at: i)
      i += 1
    }
    return output
  }

  private static func value(of byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: Int(byte - 0x30) + 26
    case 0x41...0x5A: Int(byte - 0x41)
    case 0x61...0x7A: Int(byte - 0x61)
    default: nil
    }
  }

  private static func adapt(_ delta: Int, count: Int, first: Bool) -> Int {
    var delta = first ? delta / damp : delta / 2
    delta += delta / count
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }
}

/// The rules of IDNA2008 (RFC 5891 and 5892) a decoded label can be checked against without the
/// full derived-property tables: no leading combining mark, no code point the RFC lists as
/// disallowed by exception, and the contextual rules for the joiners, the middle dots, the Greek
/// keraia, the Hebrew geresh and gershayim, and Arabic-Indic digits.
enum IDNALabel {
  static func isValid(_ label: [Unicode.Scalar]) -> Bool {
    guard let first = label.first, !isMark(first), first.value != 0x2D, label.last?.value != 0x2D else { return false }
    // RFC 5891, 4.2.3.1: "--" in the third and fourth places is reserved.
    if label.count >= 4, label[2].value == 0x2D, label[3].value == 0x2D { return false }
    let disallowed: Set<UInt32> = [0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303B]
    if label.contains(where: { disallowed.contains($0.value) }) { return false }
    let arabicIndic = label.contains { (0x0660...0x0669).contains($0.value) }
    let extendedArabicIndic = label.contains { (0x06F0...0x06F9).contains($0.value) }
    if arabicIndic && extendedArabicIndic { return false }
    for (index, scalar) in label.enumerated() {
      let before = index > 0 ? label[index - 1] : nil
      let after = index + 1 < label.count ? label[index + 1] : nil
      switch scalar.value {
      case 0x00B7:  // MIDDLE DOT: only in "l·l" (Catalan).
        guard before?.value == 0x6C, after?.value == 0x6C else { return false }
      case 0x0375:  // GREEK LOWER NUMERAL SIGN: followed by Greek.
        guard let after, isGreek(after) else { return false }
      case 0x05F3, 0x05F4:  // HEBREW GERESH, GERSHAYIM: preceded by Hebrew.
        guard let before, (0x0590...0x05FF).contains(before.value) else { return false }
      case 0x30FB:  // KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han in the label.
        guard label.contains(where: { $0.value != 0x30FB && isKanaOrHan($0) }) else { return false }
      case 0x200D:  // ZERO WIDTH JOINER: after a virama.
        guard let before, before.properties.canonicalCombiningClass.rawValue == 9 else { return false }
      case 0x200C:  // ZERO WIDTH NON-JOINER: after a virama, or between joining (Arabic-script) letters.
        if let before, before.properties.canonicalCombiningClass.rawValue == 9 { break }
        let left = label[..<index].last { !isMark($0) }
        let right = label[(index + 1)...].first { !isMark($0) }
        guard let left, let right, isArabicLetter(left), isArabicLetter(right) else { return false }
      default:
        break
      }
    }
    return true
  }

  private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
  }

  /// Arabic-script letters: the joining ones that the RFC's regular expression asks for, approximated
  /// by script, since Swift does not expose joining types.
  private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
    [0x0620...0x064A, 0x066E...0x06D3, 0x06FA...0x06FF, 0x0750...0x077F, 0x08A0...0x08C9].contains { $0.contains(scalar.value) }
  }

  private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
    (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
  }

  private static func isKanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
    [0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F]
      .contains { $0.contains(scalar.value) }
  }
}
