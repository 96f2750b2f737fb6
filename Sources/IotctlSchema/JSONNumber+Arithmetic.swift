extension JSONNumber: Comparable {
  /// Exact ordering of the decimal values, whatever their size or precision.
  public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    if lhs.negative != rhs.negative { return lhs.negative }
    let magnitudeOrder = compareMagnitude(lhs, rhs)
    return lhs.negative ? magnitudeOrder > 0 : magnitudeOrder < 0
  }

  private static func compareMagnitude(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    if lhs.digits.isEmpty || rhs.digits.isEmpty { return lhs.digits.isEmpty ? (rhs.digits.isEmpty ? 0 : -1) : 1 }
    let lhsScale = lhs.digits.count + lhs.exponent
    let rhsScale = rhs.digits.count + rhs.exponent
    if lhsScale != rhsScale { return lhsScale < rhsScale ? -1 : 1 }
    for index in 0..<max(lhs.digits.count, rhs.digits.count) {
      let left = index < lhs.digits.count ? lhs.digits[index] : 0
      let right = index < rhs.digits.count ? rhs.digits[index] : 0
      if left != right { return left < right ? -1 : 1 }
    }
    return 0
  }

  /// Whether `self / divisor` is an integer, decided exactly for any divisor of up to 18 significant
  /// digits, whatever the exponents; `divisor` must be positive.
  ///
  /// With `x = a·10^p` and `d = b·10^q` (`a`, `b` the significant digits), `x/d = a·10^k / b` for
  /// `k = p − q`. For `k ≥ 0` the 2s and 5s of `b` that `10^k` covers are cancelled first; what is left
  /// of `b` then divides `a·10^k` exactly when it divides `a`. For `k < 0`, `b·10^−k` would have to divide `a`, which ends
  /// in a non-zero digit.
  public func isMultiple(of divisor: JSONNumber) -> Bool {
    if digits.isEmpty { return true }
    guard divisor.digits.count <= 18 else {
      let quotient = doubleValue / divisor.doubleValue
      return quotient.isFinite && quotient == quotient.rounded()
    }
    var denominator: UInt64 = 0
    for digit in divisor.digits { denominator = denominator * 10 + UInt64(digit) }
    let k = exponent - divisor.exponent
    // a has no trailing zeros, so b·10^|k| cannot divide it.
    if k < 0 { return false }
    var twos = 0
    var fives = 0
    while denominator % 2 == 0 && twos < k {
      denominator /= 2
      twos += 1
    }
    while denominator % 5 == 0 && fives < k {
      denominator /= 5
      fives += 1
    }
    // A 2 (or 5) left in b means 10^k had no more of them to give, so a must supply it; the rest of b is
    // coprime to 10. Either way the question is whether what is left of b divides a.
    var remainder: UInt64 = 0
    for digit in digits { remainder = (remainder * 10 + UInt64(digit)) % denominator }
    return remainder == 0
  }

  /// Whether the value is greater than zero.
  public var isPositive: Bool { !negative && !digits.isEmpty }
}
