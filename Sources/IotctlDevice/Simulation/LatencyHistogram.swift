import IotctlSchema

/// An HDR histogram of latencies in microseconds, from 1 µs to about 19 hours, each value kept to
/// within 1% (two significant digits): the bucket layout of HdrHistogram with 256 sub-buckets. Counts at
/// the same index add, so the histograms of several shards merge exactly.
public struct LatencyHistogram: Sendable, Equatable {
  static let subBucketHalfCountMagnitude = 7
  static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
  static let subBucketMask: UInt64 = (1 << (subBucketHalfCountMagnitude + 1)) - 1
  /// The largest value kept; longer latencies count as this.
  public static let highest: UInt64 = 1 << 36

  private(set) var counts: [UInt64]
  public private(set) var total: UInt64 = 0
  public private(set) var maximum: UInt64 = 0

  public init() {
    counts = Array(repeating: 0, count: Self.index(of: Self.highest) + 1)
  }

  static func index(of value: UInt64) -> Int {
    let bucket = 64 - (value | subBucketMask).leadingZeroBitCount - (subBucketHalfCountMagnitude + 1)
    let subBucket = Int(value >> UInt64(bucket))
    return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
  }

  /// The highest value that falls at `index`.
  static func highestValue(at index: Int) -> UInt64 {
    var bucket = (index >> subBucketHalfCountMagnitude) - 1
    var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
    if bucket < 0 {
      subBucket -= subBucketHalfCount
      bucket = 0
    }
    let lowest = UInt64(subBucket) << UInt64(bucket)
    return lowest + (UInt64(1) << UInt64(bucket)) - 1
  }

  /// Records a latency in seconds.
  public mutating func record(seconds: Double) {
    let micros = seconds.isFinite && seconds > 0 ? min(seconds * 1_000_000, Double(Self.highest)) : 0
    record(microseconds: UInt64(micros))
  }

  public mutating func record(microseconds: UInt64) {
    let value = min(microseconds, Self.highest)
    counts[Self.index(of: value)] += 1
    total += 1
    maximum = max(maximum, value)
  }

  /// Adds another histogram's counts.
  public mutating func merge(_ other: LatencyHistogram) {
    for index in other.counts.indices where other.counts[index] != 0 {
      counts[index] = Self.saturatingSum(counts[index], other.counts[index])
    }
    total = Self.saturatingSum(total, other.total)
    maximum = max(maximum, other.maximum)
  }

  /// Counts read from files can be anything: they stop at the largest value rather than wrap.
  static func saturatingSum(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
  }

  /// The value at `percentile` (0–100) in microseconds: the highest value of the bucket that holds it.
  public func value(atPercentile percentile: Double) -> UInt64 {
    guard total > 0 else { return 0 }
    let wanted = max(1, UInt64((Double(total) * min(max(percentile, 0), 100) / 100).rounded(.up)))
    var seen: UInt64 = 0
    for index in counts.indices where counts[index] != 0 {
      seen += counts[index]
      if seen >= wanted { return min(Self.highestValue(at: index), maximum) }
    }
    return maximum
  }

  /// The percentiles a summary shows, in milliseconds.
  public var summary: JSONValue {
    func ms(_ micros: UInt64) -> JSONValue { .number(JSONNumber(Double(micros) / 1000) ?? JSONNumber(0)) }
    return [
      "count": .number(JSONNumber(Int(clamping: total))), "p50_ms": ms(value(atPercentile: 50)),
      "p90_ms": ms(value(atPercentile: 90)), "p99_ms": ms(value(atPercentile: 99)),
      "p999_ms": ms(value(atPercentile: 99.9)), "max_ms": ms(maximum),
    ]
  }

  /// The counts as JSON, `[[index, count], ...]` for the buckets in use, with the layout named.
  public var encoded: JSONValue {
    var pairs: [JSONValue] = []
    for index in counts.indices where counts[index] != 0 {
      pairs.append([.number(JSONNumber(index)), .number(JSONNumber(Int(clamping: counts[index])))])
    }
    return ["layout": "hdr-us-256", "max_us": .number(JSONNumber(Int(clamping: maximum))), "counts": .array(pairs)]
  }

  /// A histogram from ``encoded``; nil when `value` is not one.
  public init?(encoded value: JSONValue) {
    guard value["layout"]?.stringValue == "hdr-us-256", let pairs = value["counts"]?.arrayValue else { return nil }
    self.init()
    for pair in pairs {
      guard let items = pair.arrayValue, items.count == 2, let index = items[0].numberValue?.intValue,
        let count = items[1].numberValue?.intValue, counts.indices.contains(index), count >= 0
      else { return nil }
      counts[index] = Self.saturatingSum(counts[index], UInt64(count))
      total = Self.saturatingSum(total, UInt64(count))
    }
    let recordedMaximum = value["max_us"]?.numberValue?.intValue ?? 0
    maximum = UInt64(min(max(recordedMaximum, 0), Int(Self.highest)))
  }
}
