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
  /// digits; `divisor` must be positive.
  public func isMultiple(of divisor: JSONNumber) -> Bool {
    if digits.isEmpty { return true }
    let common = min(exponent, divisor.exponent)
    let numeratorZeros = exponent - common
    let denominatorZeros = divisor.exponent - common
    // A denominator longer than 18 digits, or an absurd exponent, leaves exact arithmetic to Double.
    guard divisor.digits.count + denominatorZeros <= 18, numeratorZeros <= 100_000 else {
      let quotient = doubleValue / divisor.doubleValue
      return quotient.isFinite && quotient == quotient.rounded()
    }
    var denominator: UInt64 = 0
    for digit in divisor.digits { denominator = denominator * 10 + UInt64(digit) }
    for _ in 0..<denominatorZeros { denominator *= 10 }
    var remainder: UInt64 = 0
    for digit in digits { remainder = (remainder * 10 + UInt64(digit)) % denominator }
    for _ in 0..<numeratorZeros { remainder = (remainder * 10) % denominator }
    return remainder == 0
  }

  /// Whether the value is greater than zero.
  public var isPositive: Bool { !negative && !digits.isEmpty }
}
