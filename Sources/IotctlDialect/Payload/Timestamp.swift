import IotctlBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// ISO-8601 timestamps in UTC, without Foundation.
public enum Timestamp {
  /// `2026-11-23T10:15:30.123456Z` with `fractionDigits` digits of the second (0 to 9).
  public static func iso8601(_ time: WallTime, fractionDigits: Int = 6) -> String {
    var seconds = time_t(time.seconds)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    var text = "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
    text += "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
    if fractionDigits > 0 {
      text += "." + String(pad(time.nanoseconds, 9).prefix(fractionDigits))
    }
    return text + "Z"
  }

  /// Milliseconds since the Unix epoch.
  public static func milliseconds(_ time: WallTime) -> Int { time.seconds * 1000 + time.nanoseconds / 1_000_000 }
}
