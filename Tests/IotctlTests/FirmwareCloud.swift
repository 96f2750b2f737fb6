import Foundation
import IotctlTestSupport
import Testing

/// `Peers/fw_cloud.py` on a test broker: a paho-mqtt ThingsBoard firmware cloud serving `image`, honest
/// or misbehaving in one `mode`; stopped when released.
final class FirmwareCloud {
  let process: Background

  init(_ broker: Broker, image: Data, mode: String = "honest") throws {
    let file = broker.directory.appendingPathComponent("cloud-image.bin")
    try image.write(to: file)
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/fw_cloud.py").path
    process = try Background(which("python3") ?? "/usr/bin/python3", [script, String(broker.port), file.path, mode])
    guard eventually(timeout: 15, { String(decoding: self.process.stdoutSoFar, as: UTF8.self).contains("ready") }) else {
      throw TestSetupError(description: "the firmware cloud did not start (is paho-mqtt installed?): \(process.stderrSoFar)")
    }
  }

  /// What it printed: "ready", and in `lossy` mode "chunk N" per chunk request.
  var lines: [String] { String(decoding: process.stdoutSoFar, as: UTF8.self).split(separator: "\n").map(String.init) }

  deinit {
    process.kill()
    _ = process.wait(timeout: 5)
  }
}
