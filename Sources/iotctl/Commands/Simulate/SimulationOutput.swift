import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Where `--stats` records go: a file, one whole line per write so that `tail -f` never sees half a
/// record, or stdout.
final class StatsFile {
  private let descriptor: Int32
  private let path: String

  init(_ path: String) throws {
    self.path = path
    if path == "-" {
      descriptor = 1
    } else {
      descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else {
        throw CLIError.input("cannot write stats file '\(path)': \(String(cString: strerror(errno)).lowercased())")
      }
    }
  }

  func write(_ record: JSONValue) {
    let line = record.jsonBytes + [UInt8(ascii: "\n")]
    var written = 0
    while written < line.count {
      let result = line[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else {
        Diagnostics.error("cannot write stats to '\(path)': \(String(cString: strerror(errno)).lowercased())")
        return
      }
      written += result
    }
  }

  func close() {
    if descriptor > 2 { Glibc.close(descriptor) }
  }

  /// Closes and deletes the file: the run ended before it had anything to say.
  func remove() {
    close()
    if descriptor > 2 { unlink(path) }
  }
}

/// The live status line on stderr: connected devices, messages per second, answers and errors.
final class StatusLine {
  private let enabled: Bool
  private var lastDrawn = Deadline(nanoseconds: 0)
  private var lastSent = 0
  private var lastAcknowledged = 0

  init(enabled: Bool) { self.enabled = enabled }

  func draw(_ simulator: FleetSimulator) {
    guard enabled, Deadline.now.seconds(since: lastDrawn) >= 1 else { return }
    let elapsed = lastDrawn.nanoseconds == 0 ? 1 : Deadline.now.seconds(since: lastDrawn)
    lastDrawn = .now
    let stats = simulator.total
    let sent = Int(Double(stats[.sent] - lastSent) / elapsed)
    let acknowledged = Int(Double(stats[.acknowledged] - lastAcknowledged) / elapsed)
    (lastSent, lastAcknowledged) = (stats[.sent], stats[.acknowledged])
    Diagnostics.write(
      "\r\(simulator.connectedCount)/\(simulator.count) connected, \(sent) sent/s, \(acknowledged) acked/s, "
        + "\(stats[.answers]) answers, \(stats.errors) errors\u{1B}[K")
  }

  func clear() {
    if enabled && lastDrawn.nanoseconds != 0 { Diagnostics.write("\r\u{1B}[K") }
  }
}

/// The summary people read at the end of a run, or of `simulate report`.
enum SimulationSummary {
  static func percent(_ fraction: Double) -> String {
    let value = (fraction * 10000).rounded() / 100
    return "\(value)%"
  }

  /// A few lines from a summary record.
  static func text(_ record: JSONValue) -> String {
    func number(_ value: JSONValue?) -> String { value?.numberValue?.description ?? "0" }
    let counts = record["counts"]
    var lines: [String] = []
    let devices = number(record["devices"])
    let elapsed = record["elapsed_s"]?.numberValue?.doubleValue ?? 0
    let shards = record["shards"].map { " from \(number($0)) shards" } ?? ""
    lines.append(
      "\(record["scenario"]?.stringValue ?? "scenario") on \(record["dialect"]?.stringValue ?? "a dialect"): \(devices) devices\(shards), \((elapsed * 10).rounded() / 10) s")
    lines.append(
      "connections: \(number(counts?["connects"])) made, \(number(record["peak_connected"])) at most at once, \(number(counts?["connect_failures"])) failed, \(number(counts?["connections_lost"])) lost, \(number(counts?["churned"])) churned")
    let sent = counts?["sent"]?.numberValue?.doubleValue ?? 0
    let rate = elapsed > 0 ? Int(sent / elapsed) : 0
    lines.append(
      "messages: \(number(counts?["sent"])) sent (\(rate)/s), \(number(counts?["acknowledged"])) acknowledged, \(number(counts?["rejected"])) rejected, \(number(counts?["unacknowledged"])) unacknowledged, \(number(counts?["send_failures"])) not sent, \(number(counts?["offline_skips"])) skipped offline, \(number(counts?["invalid_payloads"])) invalid")
    lines.append(
      "commands: \(number(counts?["commands"])) received, \(number(counts?["answers"])) answered (\(number(counts?["failed_answers"])) failed by the scenario)")
    if counts?["configurations"] != 0 {
      lines.append(
        "configurations: \(number(counts?["configurations"])) acknowledged (\(number(counts?["rejected_configurations"])) rejected by the scenario)")
    }
    if counts?["firmware_updates"] != 0 || counts?["firmware_failures"] != 0 || counts?["firmware_errors"] != 0 {
      lines.append(
        "firmware: \(number(counts?["firmware_updates"])) updated, \(number(counts?["firmware_failures"])) failed by the scenario, \(number(counts?["firmware_errors"])) failed downloads")
    }
    for (key, label) in [
      ("connect", "connect to CONNACK"), ("publish_ack", "publish to PUBACK"), ("command_answer", "command to answer"),
      ("firmware_update", "announcement to UPDATED"),
    ] {
      guard let latency = record["latency"]?[key], (latency["count"]?.numberValue?.intValue ?? 0) > 0 else { continue }
      lines.append(
        "\(label): p50 \(number(latency["p50_ms"])) ms, p90 \(number(latency["p90_ms"])) ms, p99 \(number(latency["p99_ms"])) ms, max \(number(latency["max_ms"])) ms (\(number(latency["count"])))")
    }
    lines.append("error rate: \(percent(record["error_rate"]?.numberValue?.doubleValue ?? 0))")
    for member in record["problems"]?.objectValue?.members ?? [] {
      lines.append("  \(number(member.value))× \(Terminal.printable(member.key))")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
