import IotctlSchema

/// What a fleet did: counts since the start and latency histograms. A shard writes them as JSONL
/// records; ``merge(_:)`` adds the records of several shards into one.
public struct FleetStats: Sendable {
  /// The counts, in the order records show them.
  public enum Count: String, CaseIterable, Sendable {
    case connectAttempts = "connect_attempts"
    case connects
    case connectFailures = "connect_failures"
    /// Connections the broker or the network ended (not the scenario's churn).
    case connectionsLost = "connections_lost"
    case churned
    /// Publishes handed to the broker: telemetry, command answers and requests.
    case sent
    /// QoS 1 and 2 publishes the broker acknowledged.
    case acknowledged
    case rejected
    /// QoS 1 and 2 publishes still unacknowledged when the run ended, or lost with their connection.
    case unacknowledged
    /// Publishes that could not be handed over (no connection).
    case sendFailures = "send_failures"
    /// Generated payloads that broke the dialect's schema (not sent).
    case invalidPayloads = "invalid_payloads"
    /// Telemetry that fell due while its device was offline, and was not sent.
    case offlineSkips = "offline_skips"
    case commands
    case answers
    /// Answers the scenario made fail on purpose.
    case failedAnswers = "failed_answers"
    /// Configurations pushed and acknowledged.
    case configurations
    /// Of those, the ones the scenario rejected on purpose.
    case rejectedConfigurations = "rejected_configurations"
    /// Firmware images downloaded, verified and reported UPDATED.
    case firmwareUpdates = "firmware_updates"
    /// Updates the scenario made fail on purpose (reported FAILED).
    case firmwareFailures = "firmware_failures"
    /// Downloads that failed: a checksum mismatch, a platform error, a chunk never answered.
    case firmwareErrors = "firmware_errors"
  }

  /// The latencies measured.
  public enum Latency: String, CaseIterable, Sendable {
    /// From the TCP connect to CONNACK.
    case connect
    /// From a QoS 1/2 publish to its PUBACK (PUBCOMP).
    case publishAck = "publish_ack"
    /// From a command's arrival to its answer's publish.
    case commandAnswer = "command_answer"
    /// From a firmware announcement to the UPDATED report.
    case firmwareUpdate = "firmware_update"
  }

  public private(set) var counts = [Int](repeating: 0, count: Count.allCases.count)
  public private(set) var histograms = [LatencyHistogram](repeating: LatencyHistogram(), count: Latency.allCases.count)

  public init() {}

  /// Positions in ``counts`` and ``histograms``, looked up once: `allCases` builds an array on every
  /// access, and these run for every message.
  private static let countPositions = Dictionary(uniqueKeysWithValues: Count.allCases.enumerated().map { ($1, $0) })
  private static let latencyPositions = Dictionary(uniqueKeysWithValues: Latency.allCases.enumerated().map { ($1, $0) })

  public subscript(count: Count) -> Int {
    get { counts[Self.countPositions[count] ?? 0] }
    set { counts[Self.countPositions[count] ?? 0] = newValue }
  }

  public mutating func add(_ count: Count, _ amount: Int = 1) { self[count] += amount }

  public mutating func record(_ latency: Latency, seconds: Double) {
    histograms[Self.latencyPositions[latency] ?? 0].record(seconds: seconds)
  }

  public func histogram(_ latency: Latency) -> LatencyHistogram {
    histograms[Self.latencyPositions[latency] ?? 0]
  }

  /// Failures over attempts: failed connects, lost connections, refused, unacknowledged, unsent and
  /// invalid publishes, failed downloads, over connect attempts and publishes.
  public var errorRate: Double {
    attempts == 0 ? 0 : Double(errors) / Double(attempts)
  }

  /// What ``errorRate`` counts as failed.
  public var errors: Int {
    self[.connectFailures] + self[.connectionsLost] + self[.rejected] + self[.unacknowledged] + self[.sendFailures]
      + self[.invalidPayloads] + self[.firmwareErrors]
  }

  /// What ``errorRate`` counts as tried.
  var attempts: Int { self[.connectAttempts] + self[.sent] + self[.sendFailures] + self[.invalidPayloads] }

  /// The counts and percentiles as JSON members; with `histograms`, the encoded histograms too, for merging.
  public func members(histograms withHistograms: Bool) -> [(String, JSONValue)] {
    var counts = JSONObject()
    for count in Count.allCases { counts[count.rawValue] = .number(JSONNumber(self[count])) }
    var latency = JSONObject()
    var encoded = JSONObject()
    for kind in Latency.allCases {
      latency[kind.rawValue] = histogram(kind).summary
      encoded[kind.rawValue] = histogram(kind).encoded
    }
    var result: [(String, JSONValue)] = [
      ("counts", .object(counts)), ("error_rate", .number(JSONNumber(errorRate) ?? JSONNumber(0))), ("latency", .object(latency)),
    ]
    if withHistograms { result.append(("histograms", .object(encoded))) }
    return result
  }

  /// Adds the counts and histograms of a record written with `histograms: true`.
  ///
  /// - Returns: false when `record` does not hold them.
  public mutating func merge(record: JSONValue) -> Bool {
    guard let counts = record["counts"]?.objectValue, let encoded = record["histograms"]?.objectValue else { return false }
    var parsed: [LatencyHistogram] = []
    for kind in Latency.allCases {
      guard let value = encoded[kind.rawValue], let histogram = LatencyHistogram(encoded: value) else { return false }
      parsed.append(histogram)
    }
    for count in Count.allCases {
      let value = counts[count.rawValue]?.numberValue?.intValue ?? 0
      self[count] = self[count].addingReportingOverflow(max(value, 0)).partialValue
    }
    for index in parsed.indices { histograms[index].merge(parsed[index]) }
    return true
  }

  /// Problems and how often each happened, the most frequent first, as a record lists them.
  public static func listed(_ problems: [String: Int]) -> JSONValue {
    var listed = JSONObject()
    for (problem, times) in problems.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
      listed[problem] = .number(JSONNumber(times))
    }
    return .object(listed)
  }

  /// Seconds to the millisecond, as records give times.
  public static func seconds(_ value: Double) -> JSONValue {
    .number(JSONNumber((value * 1000).rounded() / 1000) ?? JSONNumber(0))
  }
}
