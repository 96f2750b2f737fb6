import IotctlBase

/// A JSON number kept as its literal text, compared and tested exactly.
///
/// `1`, `1.0` and `10e-1` are equal; `12345678901234567890123` keeps every digit.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number as written in the document (or as produced by ``init(_:)-(Int)``).
  public let literal: String
  /// Sign, significant digits without leading or trailing zeros, and the decimal exponent, so that the
  /// value is `(negative ? -1 : 1) * digits * 10^exponent`. Zero has empty digits.
  let negative: Bool
  let digits: [UInt8]
  let exponent: Int

  /// Wraps a literal already checked by the parser's number grammar.
  init(validatedLiteral literal: String) {
    var text = literal
    self = text.withUTF8 { JSONNumber(literal: literal, validatedBytes: UnsafeRawBufferPointer($0)) }
  }

  /// Wraps a literal already checked by the parser's number grammar, given also as its UTF-8 bytes: a
  /// walk over raw bytes is several times cheaper than one over a String's UTF-8 view.
  init(literal: String, validatedBytes bytes: UnsafeRawBufferPointer) {
    self.literal = literal
    var negative = false
    var digits: [UInt8] = []
    digits.reserveCapacity(bytes.count)
    var exponent = 0
    var seenPoint = false
    // The written exponent, read as digits arrive: the grammar allows at most nine of them.
    var inExponent = false
    var written = 0
    var writtenNegative = false
    for byte in bytes {
      if inExponent {
        switch byte {
        case UInt8(ascii: "-"): writtenNegative = true
        case UInt8(ascii: "+"): break
        default: written = written &* 10 &+ Int(byte &- UInt8(ascii: "0"))
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "-"): negative = true
      case UInt8(ascii: "."): seenPoint = true
      case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
      default:
        if seenPoint { exponent -= 1 }
        // Leading zeros carry no value (a zero after the point still moved the exponent).
        if byte == UInt8(ascii: "0") && digits.isEmpty { continue }
        digits.append(byte - UInt8(ascii: "0"))
      }
    }
    exponent += writtenNegative ? -written : written
    while digits.last == 0 {
      digits.removeLast()
      exponent += 1
    }
    if digits.isEmpty {
      negative = false
      exponent = 0
    }
    self.negative = negative
    self.digits = digits
    self.exponent = exponent
  }

  /// An integer.
  public init(_ value: Int) { self.init(validatedLiteral: String(value)) }

  /// A floating-point value, written in Swift's shortest round-trip form.
  public init?(_ value: Double) {
    guard value.isFinite else { return nil }
    if value == value.rounded(), abs(value) < 1e15 {
      self.init(validatedLiteral: String(Int(value)))
    } else {
      let text = String(value)
      // Only an exponent needs rewriting; searching every number for one cost more than formatting it.
      self.init(validatedLiteral: text.utf8.contains(UInt8(ascii: "+")) ? text.replacingBytes("e+", with: "e") : text)
    }
  }

  public var description: String { literal }

  /// Whether the value is mathematically an integer (`1.0` is).
  public var isInteger: Bool { exponent >= 0 }

  /// Whether the literal is written without fraction or exponent.
  public var isIntegerLiteral: Bool { !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

  /// The value as `Int`, if it is an integer that fits.
  public var intValue: Int? {
    guard isInteger, digits.count + exponent <= 19 else { return nil }
    var result = 0
    for digit in digits {
      let (product, overflow) = result.multipliedReportingOverflow(by: 10)
      let (sum, carry) = product.addingReportingOverflow(Int(digit))
      guard !overflow, !carry else { return nil }
      result = sum
    }
    for _ in 0..<exponent {
      let (product, overflow) = result.multipliedReportingOverflow(by: 10)
      guard !overflow else { return nil }
      result = product
    }
    return negative ? -result : result
  }

  /// The nearest `Double`.
  public var doubleValue: Double { Double(literal) ?? (negative ? -.infinity : .infinity) }

  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    lhs.negative == rhs.negative && lhs.digits == rhs.digits && lhs.exponent == rhs.exponent
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(negative)
    hasher.combine(digits)
    hasher.combine(exponent)
  }
}
