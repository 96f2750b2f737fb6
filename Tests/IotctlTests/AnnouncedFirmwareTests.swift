import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `fw fetch` for dialects that announce firmware instead of serving chunks: Kaa's cmx_ota specification
/// with a URL, Xyte's and EdgeIQ's announcements without one. The platform is `iotctl emulate`; the file
/// comes from Python's HTTPS server.
@Suite struct AnnouncedFirmwareTests {
  func sha256(_ path: String) throws -> String {
    let result = try run("/usr/bin/env", ["sha256sum", path])
    return String(result.stdoutText.prefix(64))
  }

  @Test func kaaDownloadsTheSpecifiedSoftwareAndReportsItApplied() throws {
    let broker = try Broker()
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) })
    let firmware = folder.appendingPathComponent("fw.bin")
    try bytes.write(to: firmware)
    let server = try HTTPSFileServer(serving: firmware)
    func specification(_ checksum: String) throws -> String {
      let path = folder.appendingPathComponent("ota-\(checksum.count).json").path
      let spec: JSONValue = ["url": .string(server.base + "/firmware.bin"), "checksum": .string(checksum), "size": 200_000]
      try spec.jsonText.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let device = ["fw", "fetch", "--dialect", "kaa", "--var", "app=app1", "--var", "token=tok1"] + broker.address
      + ["--image-cafile", server.certificates.ca]

    let good = try specification(try sha256(firmware.path))
    var platform = try EmulatorProcess(broker, ["--dialect", "kaa", "--ota-config", good, "--ota-version", "2.0.1"])
    let target = folder.appendingPathComponent("out.bin").path
    let fetched = try iotctl(device + ["-o", target, "--output", "jsonl"])
    #expect(fetched.status == 0, "\(fetched.stderr)")
    #expect(FileManager.default.contents(atPath: target) == bytes)
    let summary = try JSONParser.parse(fetched.stdoutText)
    #expect(summary["version"] == "2.0.1" && summary["algorithm"] == "SHA256")
    #expect(platform.payloads("ota.applied") == [["configId": "2.0.1", "statusCode": 200]])

    // An MD5 (told by its length) that does not match: exit 12, no file, and the platform hears why.
    platform = try EmulatorProcess(broker, ["--dialect", "kaa", "--ota-config", try specification(String(repeating: "ab", count: 16)), "--ota-version", "2.0.2"])
    let other = folder.appendingPathComponent("other.bin").path
    let mismatch = try iotctl(device + ["-o", other])
    #expect(mismatch.status == 12 && mismatch.stderr.contains("MD5"), "\(mismatch.stderr)")
    #expect(!FileManager.default.fileExists(atPath: other))
    let failure = try #require(platform.payloads("ota.applied").first)
    #expect(failure["configId"] == "2.0.2" && failure["statusCode"] == 400)
    #expect(failure["reasonPhrase"]?.stringValue?.contains("checksum mismatch") == true)
  }

  @Test func xyteShowsTheAnnouncedVersionAndFileItCannotFetch() throws {
    let broker = try Broker()
    let announced = #"{"latest_fw_version":"2.1","latest_fw_file_id":"f-77"}"#
    let platform = try EmulatorProcess(broker, ["--dialect", "xyte", "--var", "id=dev1", "--push", "firmware=\(announced)"])
    let result = try iotctl(["fw", "fetch", "--dialect", "xyte", "--var", "id=dev1", "--var", "access_key=k1", "-W", "10"] + broker.address)
    #expect(result.status == 11 && result.stderr.contains("without a download URL"), "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdoutText) == ["dialect": "xyte", "version": "2.1", "file": "f-77"])
    // The pushed announcement can answer the device before the platform has recorded its get: wait for it.
    #expect(eventually { platform.log.contains(#""operation":"get""#) }, "the announcement is asked for with get")
  }

  @Test func edgeiqWaitsForASoftwareUpdateCommand() throws {
    let broker = try Broker()
    let watcher = try Background(
      iotctlPath, ["fw", "fetch", "--dialect", "edgeiq", "--var", "company=c1", "--var", "device=d1", "-W", "20", "-d"] + broker.address)
    defer { watcher.terminate() }
    try #require(eventually(timeout: 10) { watcher.stderrSoFar.contains("SUBACK") }, "\(watcher.stderrSoFar)")
    // Another gateway command is not an announcement.
    let base = "d/c1/d1/gateway_commands/"
    _ = try broker.peerPublish(["-t", base + "reboot", "-m", #"{"command_type":"reboot"}"#])
    _ = try broker.peerPublish(["-t", base + "software_update", "-m", #"{"command_type":"software_update","software_update_id":"su-9"}"#])
    let result = watcher.wait(timeout: 30)
    #expect(result.status == 11, "\(result.stderr)")
    #expect(try JSONParser.parse(result.stdoutText) == ["dialect": "edgeiq", "file": "su-9"])
  }
}
