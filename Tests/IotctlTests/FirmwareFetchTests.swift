import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// `fw fetch` against the ThingsBoard emulator on a real broker.
@Suite struct FirmwareFetchTests {
  /// The ThingsBoard emulator serving `firmware`, announced with `algorithm` (and `url` for a URL package).
  func platform(_ broker: Broker, firmware: URL, algorithm: String = "SHA256", url: String? = nil) throws -> EmulatorProcess {
    // Generous: a debug-built emulator hashes a 20 MiB image before it is ready, slowly on a busy CI machine.
    try EmulatorProcess(
      broker,
      ["--dialect", "thingsboard", "--fw-file", firmware.path, "--fw-version", "3.0", "--fw-checksum-algorithm", algorithm]
        + (url.map { ["--fw-url", $0] } ?? []),
      readyWithin: 180)
  }

  func image(_ size: Int) -> Data {
    var bytes = [UInt8](repeating: 0, count: size)
    for index in 0..<size { bytes[index] = UInt8(truncatingIfNeeded: index &* 7 &+ index / 251) }
    return Data(bytes)
  }

  func fetch(_ broker: Broker, _ arguments: [String]) throws -> ProcessResult {
    try iotctl(["fw", "fetch", "--dialect", "thingsboard", "--var", "token=T1"] + broker.address + arguments, timeout: 120)
  }

  @Test(arguments: [(0, "SHA256"), (1, "MD5"), (8192, "SHA384"), (8193, "SHA512"), (100_000, "CRC32"), (65_536, "MURMUR3_32"), (3_000_000, "MURMUR3_128")])
  func downloadsAndVerifies(size: Int, algorithm: String) throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    try image(size).write(to: source)
    let platform = try self.platform(broker, firmware: source, algorithm: algorithm)
    let target = directory.appendingPathComponent("out/downloaded.bin")
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    let result = try fetch(broker, ["-o", target.path, "--chunk-size", "4096", "--output", "jsonl"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Data(contentsOf: target) == image(size))
    let summary = try JSONParser.parse(result.stdoutText)
    #expect(summary["size"] == .number(JSONNumber(size)) && summary["algorithm"] == .string(algorithm))
    // No temporary file is left beside the target.
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["downloaded.bin"])
    #expect(platform.chunkRequests.count >= (size + 4095) / 4096)
  }

  @Test func aTwentyMebibyteImageArrivesIntact() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    let bytes = image(20 << 20)
    try bytes.write(to: source)
    let platform = try self.platform(broker, firmware: source, algorithm: "SHA256")
    let target = directory.appendingPathComponent("big.bin")
    let result = try fetch(broker, ["-o", target.path, "--chunk-size", "65536", "--window", "32"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Data(contentsOf: target) == bytes)
    #expect(Set(platform.chunkRequests.compactMap { try? JSONParser.parse($0)["variables"]?["chunk"]?.stringValue }).count >= 320)
  }

  /// The broker goes away mid-download: the run fails with the connection-lost status, keeps its
  /// partial file and no target; once the broker is back, `--resume` finishes with the same bytes.
  @Test func aBrokerRestartMidDownloadThenResumeGivesTheSameBytes() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    let bytes = image(4 << 20)
    try bytes.write(to: source)
    var platform: EmulatorProcess? = try self.platform(broker, firmware: source, algorithm: "MD5")
    let target = directory.appendingPathComponent("restart.bin")
    let partial = directory.appendingPathComponent(".restart.bin.iotctl-part")
    let arguments = ["fw", "fetch", "--dialect", "thingsboard", "--var", "token=T1"] + broker.address + [
      "-o", target.path, "--chunk-size", "1024", "--window", "1",
    ]
    let first = try Background(iotctlPath, arguments)
    let started = eventually(timeout: 30) {
      ((try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0) >= 64 * 1024
    }
    try #require(started, "the download did not start: \(first.stderrSoFar)")
    broker.kill()
    let interrupted = first.wait(timeout: 30)
    #expect(interrupted.status == 9, "\(interrupted.stderr)")
    #expect(interrupted.stderr.contains("--resume"))
    #expect(!FileManager.default.fileExists(atPath: target.path))
    let kept = try Data(contentsOf: partial)
    #expect(kept.count > 0 && kept.count < bytes.count && kept == bytes.prefix(kept.count))

    platform = nil
    try broker.start()
    platform = try self.platform(broker, firmware: source, algorithm: "MD5")
    let resumed = try iotctl(arguments + ["--resume", "--window", "16"], timeout: 120)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(try Data(contentsOf: target) == bytes)
    #expect(!FileManager.default.fileExists(atPath: partial.path))
    let chunks = platform!.chunkRequests.compactMap { try? JSONParser.parse($0)["variables"]?["chunk"]?.stringValue }.compactMap { Int($0) }
    #expect(chunks.min() == kept.count / 1024)
  }

  @Test func aChecksumMismatchLeavesNoFile() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    try image(10_000).write(to: source)
    let platform = try self.platform(broker, firmware: source)
    defer { withExtendedLifetime(platform) {} }
    let target = directory.appendingPathComponent("downloaded.bin")
    let result = try fetch(broker, ["-o", target.path, "--checksum", String(repeating: "0", count: 64)])
    #expect(result.status == 12)
    #expect(result.stderr.contains("checksum mismatch") && result.stderr.split(separator: "\n").count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["fw.bin"])
    #expect(eventually { platform.log.contains(#""fw_state":"FAILED""#) }, "\(platform.log)")
  }

  /// Chunks arrive in any order with a window above 1, so an interrupted download has holes: resume asks
  /// for exactly the chunks its record lacks (on old main it started at the file size, skipped chunk 2
  /// and failed the checksum).
  @Test func resumeFetchesExactlyTheChunksNotRecorded() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    let bytes = image(40_000)
    try bytes.write(to: source)
    let platform = try self.platform(broker, firmware: source)
    let target = directory.appendingPathComponent("downloaded.bin")
    // As an interrupted run with the default window leaves it: chunks 0, 1 and 3 of 4096 bytes written,
    // chunk 2 still missing.
    var partial = Data(count: 16_384)
    for index in [0, 1, 3] {
      partial.replaceSubrange(index * 4096..<(index + 1) * 4096, with: bytes[index * 4096..<(index + 1) * 4096])
    }
    try partial.write(to: directory.appendingPathComponent(".downloaded.bin.iotctl-part"))
    try Data("chunk-size 4096\n0 4096\n1 4096\n3 4096\n".utf8)
      .write(to: directory.appendingPathComponent(".downloaded.bin.iotctl-part.chunks"))
    let result = try fetch(broker, ["-o", target.path, "--chunk-size", "4096", "--resume"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Data(contentsOf: target) == bytes)
    let chunks = platform.chunkRequests.compactMap { try? JSONParser.parse($0)["variables"]?["chunk"]?.stringValue }
    #expect(Set(chunks) == Set([2, 4, 5, 6, 7, 8, 9].map(String.init)))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["downloaded.bin", "fw.bin"])
  }

  /// A URL package (fw_url) over HTTPS from an independent server (Python's http.server with TLS): verified
  /// like a chunked one, trusted only with the right CA, resumed with a Range request.
  @Test func aURLPackageDownloadsOverHTTPS() throws {
    let broker = try Broker()
    let folder = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bytes = image(300_000)
    let firmware = folder.appendingPathComponent("fw.bin")
    try bytes.write(to: firmware)
    let server = try HTTPSFileServer(serving: firmware)
    let (certificates, base) = (server.certificates, server.base)
    let platform = try self.platform(broker, firmware: firmware, url: base + "/firmware.bin")
    let target = folder.appendingPathComponent("out.bin").path

    let untrusted = try fetch(broker, ["-o", target])
    #expect(untrusted.status == 4 && untrusted.stderr.contains("does not verify") && untrusted.stderr.contains("--image-cafile"))
    #expect(!FileManager.default.fileExists(atPath: target))

    let fetched = try fetch(broker, ["-o", target, "--image-cafile", certificates.ca])
    #expect(fetched.status == 0, "\(fetched.stderr)")
    #expect(FileManager.default.contents(atPath: target) == bytes)
    #expect(platform.chunkRequests.isEmpty, "a URL package must not be fetched over v2/fw")

    let withPassword = try fetch(broker, ["-o", target + ".2", "--image-url", base.replacingOccurrences(of: "https://", with: "https://bob:pw-SECRET@") + "/firmware.bin"])
    #expect(withPassword.status == 3 && withPassword.stderr.contains("carries credentials") && !withPassword.stderr.contains("SECRET"))

    let missing = try fetch(broker, ["-o", target + ".2", "--image-cafile", certificates.ca, "--image-url", base + "/missing"])
    #expect(missing.status == 11 && missing.stderr.contains("HTTP 404"))

    // A download is bounded by the announced (or given) size, and by --chunk-timeout without a byte.
    let endless = try fetch(
      broker, ["-o", target + ".5", "--image-cafile", certificates.ca, "--image-url", base + "/endless", "--size", "100000"])
    #expect(endless.status == 3 && endless.stderr.contains("larger than the 100000 bytes"), "\(endless.stderr)")
    let started = Date()
    let slow = try fetch(
      broker, ["-o", target + ".6", "--image-cafile", certificates.ca, "--image-url", base + "/slow", "--chunk-timeout", "2"])
    #expect(slow.status == 9 || slow.status == 4, "\(slow.status) \(slow.stderr)")
    #expect(Date().timeIntervalSince(started) < 15, "a stalled download must end")
    #expect(!FileManager.default.fileExists(atPath: target + ".5") && !FileManager.default.fileExists(atPath: target + ".6"))

    // https never continues in the clear: the redirect to http:// is refused, nothing is written.
    let downgrade = try fetch(broker, ["-o", target + ".4", "--image-cafile", certificates.ca, "--image-url", base + "/downgrade"])
    #expect(downgrade.status == 3 && downgrade.stderr.contains("from https only to https"), "\(downgrade.stderr)")
    #expect(!FileManager.default.fileExists(atPath: target + ".4"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".out.bin.4.iotctl-part").path))

    // The body stops halfway: exit 9, a partial file, no target; --resume asks for the rest (through a redirect).
    let resumed = folder.appendingPathComponent("resumed.bin").path
    let short = try fetch(broker, ["-o", resumed, "--image-cafile", certificates.ca, "--image-url", base + "/short"])
    #expect(short.status == 9 && short.stderr.contains("--resume"), "\(short.stderr)")
    #expect(!FileManager.default.fileExists(atPath: resumed))
    let rest = try fetch(broker, ["-o", resumed, "--image-cafile", certificates.ca, "--image-url", base + "/moved", "--resume"])
    #expect(rest.status == 0, "\(rest.stderr)")
    #expect(FileManager.default.contents(atPath: resumed) == bytes)
    #expect(server.requests.contains("GET /firmware.bin Range: bytes=150000-"))

    // The image at the URL is not the one announced: checksum mismatch, nothing written.
    let wrong = try fetch(
      broker, ["-o", target + ".3", "--image-cafile", certificates.ca, "--checksum", String(repeating: "0", count: 64)])
    #expect(wrong.status == 12 && !FileManager.default.fileExists(atPath: target + ".3"))
  }

  /// Issue 19, item 11: a directory as the target is refused before anything is fetched, and an image
  /// streamed to stdout leaves no temporary file, even when the reader goes away early.
  @Test func noFilesAreLeftBehind() throws {
    let broker = try Broker()
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let source = directory.appendingPathComponent("fw.bin")
    try image(200_000).write(to: source)
    let platform = try self.platform(broker, firmware: source)
    let folder = directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let intoDirectory = try fetch(broker, ["-o", folder.path])
    #expect(intoDirectory.status == 3 && intoDirectory.stderr.contains("is a directory"), "\(intoDirectory.stderr)")
    #expect(platform.chunkRequests.isEmpty)
    let scratch = directory.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let script = "\(iotctlPath) fw fetch --dialect thingsboard --var token=T1 \(broker.address.joined(separator: " ")) --chunk-size 4096 -o - | head -c 10 > /dev/null"
    let piped = try run("/bin/sh", ["-c", script], environment: ["TMPDIR": scratch.path])
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == [])
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["fw.bin", "out", "tmp"])
  }

  @Test func oversizedChunksAreRefusedBeforeSending() throws {
    let result = try iotctl(["fw", "fetch", "--dialect", "thingsboard", "--chunk-size", "70000", "-o", "/tmp/never"])
    #expect(result.status == 2 && result.stderr.contains("limit of 65536 bytes"), "\(result.stderr)")
  }

  @Test func noFirmwareAssignedIsAPlatformError() throws {
    let broker = try Broker()
    let emulator = try EmulatorProcess(broker, ["--dialect", "thingsboard"])
    defer { emulator.stop() }
    let result = try fetch(broker, ["-o", "/tmp/iotctl-never-written"])
    #expect(result.status == 11 && result.stderr.contains("announces no firmware for this device"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/tmp/iotctl-never-written"))
  }

  @Test func aLostChunkRequestIsRetried() throws {
    let broker = try Broker()
    let image = Data((0..<10_000).map { UInt8($0 % 251) })
    let cloud = try FirmwareCloud(broker, image: image, mode: "lossy")
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let target = directory.appendingPathComponent("lossy.bin")
    let result = try fetch(broker, ["-o", target.path, "--chunk-size", "4096", "--chunk-timeout", "1", "--no-report"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try Data(contentsOf: target) == image)
    #expect(cloud.lines.filter { $0 == "chunk 1" }.count == 2)
  }
}


extension EmulatorProcess {
  /// The emulator's log lines for firmware chunk requests.
  var chunkRequests: [String] {
    log.split(separator: "\n").filter { $0.contains(#""operation":"fw.chunk""#) }.map(String.init)
  }
}
