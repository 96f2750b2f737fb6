import ArgumentParser

/// Durations on the command line: `500ms`, `5s`, `2m`, `1h`, or plain seconds; finite, not negative, and
/// at most ``maximum``.
struct DurationArgument {
  /// A week: longer intervals are almost certainly a mistake, and the bound keeps every conversion exact.
  static let maximum: Double = 7 * 24 * 3600

  let seconds: Double

  init?(_ text: String) {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var scale = 1.0
    var number = Substring(text)
    if let (suffix, unit) = units.first(where: { text.hasSuffix($0.0) }) {
      number = text.dropLast(suffix.count)
      scale = unit
    }
    guard let value = Double(number), value.isFinite, value >= 0, value * scale <= Self.maximum else { return nil }
    seconds = value * scale
  }

  /// The seconds `text` gives, for an option's `transform`; a usage error names what is wrong.
  static func seconds(_ text: String) throws -> Double {
    guard let parsed = DurationArgument(text) else {
      throw ValidationError("'\(text)' is not a duration: give seconds or 500ms, 30s, 5m, 1h (at most a week)")
    }
    return parsed.seconds
  }
}
