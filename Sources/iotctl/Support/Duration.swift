/// Durations on the command line: `500ms`, `5s`, `2m`, `1h`, or plain seconds.
struct DurationArgument {
  let seconds: Double

  init?(_ text: String) {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
      guard let value = Double(text.dropLast(suffix.count)), value >= 0 else { return nil }
      seconds = value * scale
      return
    }
    guard let value = Double(text), value >= 0 else { return nil }
    seconds = value
  }
}
