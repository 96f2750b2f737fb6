import ArgumentParser

/// Range checks for numeric flags, so that no value given on the command line ends in a trap: every
/// duration is finite, not negative and at most a week; every count within what the code can hold.
enum NumericFlags {
  /// Throws a usage error unless `value` (seconds) is finite and within `0...DurationArgument.maximum`
  /// (above zero when `positive`).
  static func seconds(_ value: Double?, _ flag: String, positive: Bool = false) throws {
    guard let value else { return }
    let low = positive ? "above 0" : "0"
    guard value.isFinite, positive ? value > 0 : value >= 0, value <= DurationArgument.maximum else {
      throw ValidationError("\(flag) takes seconds from \(low) to \(Int(DurationArgument.maximum)) (a week), not \(value)")
    }
  }

  /// Throws a usage error unless `value` lies in `range`.
  static func within(_ value: Int?, _ range: ClosedRange<Int>, _ flag: String) throws {
    guard let value, !range.contains(value) else { return }
    throw ValidationError("\(flag) must be \(range.lowerBound)-\(range.upperBound), not \(value)")
  }
}
