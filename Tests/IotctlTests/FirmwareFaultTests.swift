import Foundation
import IotctlTestSupport
import Testing

/// Firmware across faults (issue 19, item 4): a connection dropped in the middle of a chunked download
/// reconnects within --reconnect and goes on where it was; without --reconnect it ends with exit 9 and
/// leaves nothing at the target.
@Suite(.serialized) struct FirmwareFaultTests {
  func stage() throws -> (Broker, FaultProxy, EmulatorProcess, image: URL, Data) {
    let broker = try Broker(config: Broker.unboundedQueues)
    let image = broker.directory.appendingPathComponent("fw.bin")
    let bytes = Data((0..<600_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
    try bytes.write(to: image)
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard", "--fw-file", image.path])
    return (broker, try FaultProxy(to: broker.port), emulator, image, bytes)
  }

  @Test func aDroppedConnectionMidDownloadResumesWithinReconnect() throws {
    let (broker, proxy, emulator, _, bytes) = try stage()
    defer { emulator.stop() }
    let target = broker.directory.appendingPathComponent("out.bin").path
    let fetch = try Background(
      iotctlPath,
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "2048", "--window", "2",
        "--chunk-timeout", "1", "--no-report", "--reconnect", "5"] + proxy.address)
    // Drop once chunks are flowing.
    #expect(eventually(timeout: 10) { emulator.records.filter { $0["operation"]?.stringValue == "fw.chunk" }.count > 50 })
    proxy.dropAll()
    let result = fetch.wait(timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(proxy.acceptedCount >= 2)
    #expect(FileManager.default.contents(atPath: target) == bytes)
  }

  @Test func withoutReconnectTheDropEndsItWithNothingAtTheTarget() throws {
    let (broker, proxy, emulator, _, _) = try stage()
    defer { emulator.stop() }
    let target = broker.directory.appendingPathComponent("out.bin").path
    let fetch = try Background(
      iotctlPath,
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "2048", "--window", "2",
        "--no-report"] + proxy.address)
    #expect(eventually(timeout: 10) { emulator.records.filter { $0["operation"]?.stringValue == "fw.chunk" }.count > 50 })
    proxy.dropAll()
    let result = fetch.wait(timeout: 60)
    #expect(result.status == 9, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: target))
  }

  /// A platform that announces no size and never sends its last chunk: --max-size (1 GiB by default)
  /// ends the download with an input error, and nothing is left at the target or beside it.
  @Test func chunksWithoutAnEndStopAtTheBound() throws {
    let broker = try Broker(config: Broker.unboundedQueues)
    let python = try #require(which("python3"))
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/fw_endless.py").path
    let cloud = try Background(python, [script, String(broker.port)])
    defer { cloud.kill() }
    try #require(eventually(timeout: 15) { !cloud.stdoutSoFar.isEmpty }, "\(cloud.stderrSoFar)")
    let folder = broker.directory.appendingPathComponent("target")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let target = folder.appendingPathComponent("fw.bin").path
    let result = try iotctl(
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "4096", "--max-size", "200000",
        "--no-report"] + broker.address, timeout: 60)
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("received more than 200000 bytes with no end in sight"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "files left behind")
  }
}
