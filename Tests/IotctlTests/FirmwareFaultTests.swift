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

  /// `fw fetch` through the proxy with `flags`, the connection dropped once chunks are flowing. The
  /// broker is returned so that its folder, which holds the target, outlives the call.
  func dropMidDownload(_ flags: [String]) throws -> (ProcessResult, Broker, FaultProxy, target: String, image: Data) {
    let (broker, proxy, emulator, _, bytes) = try stage()
    defer { emulator.stop() }
    let target = broker.directory.appendingPathComponent("out.bin").path
    let fetch = try Background(
      iotctlPath,
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "2048", "--window", "2",
        "--no-report"] + flags + proxy.address)
    #expect(eventually(timeout: 10) { emulator.records.filter { $0["operation"]?.stringValue == "fw.chunk" }.count > 50 })
    proxy.dropAll()
    return (fetch.wait(timeout: 60), broker, proxy, target, bytes)
  }

  @Test func aDroppedConnectionMidDownloadResumesWithinReconnect() throws {
    let (result, broker, proxy, target, bytes) = try dropMidDownload(["--chunk-timeout", "1", "--reconnect", "5"])
    defer { withExtendedLifetime(broker) {} }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(proxy.acceptedCount >= 2)
    #expect(FileManager.default.contents(atPath: target) == bytes)
  }

  @Test func withoutReconnectTheDropEndsItWithNothingAtTheTarget() throws {
    let (result, broker, _, target, _) = try dropMidDownload([])
    defer { withExtendedLifetime(broker) {} }
    #expect(result.status == 9, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: target))
  }

  /// A platform that announces no size and never sends its last chunk: --max-size (1 GiB by default)
  /// ends the download with an input error, and nothing is left at the target or beside it.
  @Test func chunksWithoutAnEndStopAtTheBound() throws {
    let (broker, cloud, _, folder) = try misbehaving("endless")
    defer { withExtendedLifetime(cloud) {} }
    let target = folder.appendingPathComponent("fw.bin").path
    let result = try iotctl(
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "4096", "--max-size", "200000",
        "--no-report"] + broker.address, timeout: 60)
    #expect(result.status == 3, "\(result.stderr)")
    #expect(result.stderr.contains("received more than 200000 bytes with no end in sight"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "files left behind")
  }

  /// A cloud that misbehaves in one way (`Peers/fw_cloud.py MODE`), and an empty folder for the target.
  func misbehaving(_ mode: String) throws -> (Broker, FirmwareCloud, Data, target: URL) {
    let broker = try Broker(config: Broker.unboundedQueues)
    let bytes = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) })
    let cloud = try FirmwareCloud(broker, image: bytes, mode: mode)
    let folder = broker.directory.appendingPathComponent("target")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (broker, cloud, bytes, folder)
  }

  /// Each misbehaviour ends in a documented status: reordered and duplicated chunks still make the
  /// image; a missing chunk times out (27), an oversized one or a size that lies is an input error (3)
  /// or a checksum mismatch (12); and then nothing is at the target or beside it.
  @Test(arguments: [
    ("reorder", Int32(0)), ("duplicate", 0), ("missing", 27), ("oversized", 3), ("size-low", 3), ("size-high", 12),
  ])
  func aMisbehavingCloudEndsInADocumentedStatus(_ mode: String, _ expected: Int32) throws {
    let (broker, cloud, bytes, folder) = try misbehaving(mode)
    defer { withExtendedLifetime(cloud) {} }
    let target = folder.appendingPathComponent("fw.bin").path
    let result = try iotctl(
      ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "4096", "--chunk-timeout", "0.5",
        "--retries", "1", "--no-report"] + broker.address, timeout: 60)
    #expect(result.status == expected, "\(mode): \(result.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    if expected == 0 {
      #expect(FileManager.default.contents(atPath: target) == bytes, "\(mode)")
      #expect(left == ["fw.bin"], "\(mode): \(left)")
    } else if expected == 27 {
      // An unanswered chunk keeps the partial download and its record of chunks, hidden beside the
      // target, for --resume.
      #expect(left.sorted() == [".fw.bin.iotctl-part", ".fw.bin.iotctl-part.chunks"], "\(mode): \(left)")
    } else {
      #expect(left.isEmpty, "\(mode): \(left)")
    }
  }

  /// `kill -9` in the middle of a download, then `--resume`: the image is byte-exact.
  @Test func resumeAfterKillIsByteExact() throws {
    let (broker, cloud, bytes, folder) = try misbehaving("slow")
    defer { withExtendedLifetime(cloud) {} }
    let target = folder.appendingPathComponent("fw.bin").path
    let arguments = ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=t", "-o", target, "--chunk-size", "2048", "--window", "2",
      "--no-report"] + broker.address
    let first = try Background(iotctlPath, arguments)
    // Killed once some chunks are in the partial file beside the target.
    #expect(eventually(timeout: 20) {
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { $0.hasSuffix("iotctl-part") }
    })
    Thread.sleep(forTimeInterval: 0.3)
    first.kill()
    _ = first.wait(timeout: 10)
    #expect(!FileManager.default.fileExists(atPath: target))
    let resumed = try iotctl(arguments + ["--resume"], timeout: 60)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming with"), "\(resumed.stderr)")
    #expect(FileManager.default.contents(atPath: target) == bytes)
  }
}
