import Foundation
import IotctlSchema
import IotctlTestSupport

/// `iotctl emulate` on a test broker: started, ready once it has printed its `ready` record, stopped when
/// released. The JSON records it prints are what the platform saw.
final class EmulatorProcess {
  let process: Background

  init(_ broker: Broker, _ arguments: [String], readyWithin timeout: Double = 10) throws {
    process = try Background(iotctlPath, ["emulate"] + broker.address + arguments)
    guard eventually(timeout: timeout, { self.log.contains("\"ready\"") }) else {
      throw TestSetupError(description: "the emulator did not start: \(process.stderrSoFar)")
    }
  }

  /// Everything printed so far.
  var log: String { String(decoding: process.stdoutSoFar, as: UTF8.self) }

  var records: [JSONValue] { log.split(separator: "\n").compactMap { try? JSONParser.parse(String($0)) } }

  /// The payloads devices sent for `operation`.
  func payloads(_ operation: String) -> [JSONValue] {
    records.filter { $0["operation"]?.stringValue == operation }.compactMap { $0["payload"] }
  }

  /// The first record for `operation` (and `part`) once it arrives.
  func record(_ operation: String, part: String? = nil) -> JSONValue? {
    var found: JSONValue?
    _ = eventually(timeout: 10) {
      found = records.first { $0["operation"]?.stringValue == operation && $0["part"]?.stringValue == part }
      return found != nil
    }
    return found
  }

  /// One line on the emulator's stdin: a push, for example.
  func send(_ line: String) { process.write(Data((line + "\n").utf8)) }

  func stop() {
    process.terminate()
    _ = process.wait(timeout: 5)
  }

  deinit { stop() }
}
