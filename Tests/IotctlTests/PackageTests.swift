import Foundation
import IotctlTestSupport
import Testing

/// scripts/package builds a .deb that a Debian user can install: the binary, man pages and completions in
/// their standard paths, control fields that name its library packages. Packaged here from the test
/// build's binary (a release build is the script's default), then unpacked into a scratch root and run.
@Suite struct PackageTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test(.enabled(if: which("dpkg-deb") != nil, "dpkg-deb is not installed"))
  func theDebianPackageHoldsWhatItShouldAndRuns() throws {
    let scratch = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let built = try run(
      Self.root.appendingPathComponent("scripts/package").path,
      ["--binary", iotctlPath, "--output", scratch.path], timeout: 120)
    try #require(built.status == 0, "\(built.stderr)")
    let deb = built.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    let version = try iotctl(["--version"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    let architecture = try run("/usr/bin/dpkg", ["--print-architecture"]).stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(deb.hasSuffix("/iotctl_\(version)_\(architecture).deb"), "\(deb)")

    let dpkgDeb = try #require(which("dpkg-deb"))
    let fields = try run(dpkgDeb, ["-f", deb, "Package", "Version", "Architecture", "Depends", "Recommends"]).stdoutLines
    #expect(fields.contains("Package: iotctl"))
    #expect(fields.contains("Version: \(version)"))
    #expect(fields.contains("Architecture: \(architecture)"))
    let depends = fields.first { $0.hasPrefix("Depends: ") } ?? ""
    for library in ["libmosquitto1", "libssl3", "zlib1g", "libc6"] {
      #expect(depends.contains(library), "\(depends)")
    }
    #expect(fields.contains("Recommends: libcurl4"))

    let listing = try run(dpkgDeb, ["-c", deb]).stdoutLines.compactMap { $0.split(separator: " ").last.map(String.init) }
    let pages = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path).filter { $0.hasSuffix(".1") }
    let expected = [
      "./usr/bin/iotctl", "./usr/share/bash-completion/completions/iotctl", "./usr/share/zsh/vendor-completions/_iotctl",
      "./usr/share/fish/vendor_completions.d/iotctl.fish",
    ] + pages.map { "./usr/share/man/man1/\($0).gz" }
    for path in expected { #expect(listing.contains(path), "the package lacks \(path)") }

    let unpacked = scratch.appendingPathComponent("root")
    let extracted = try run(dpkgDeb, ["-x", deb, unpacked.path])
    try #require(extracted.status == 0, "\(extracted.stderr)")
    let installed = try run(unpacked.appendingPathComponent("usr/bin/iotctl").path, ["--version"])
    #expect(installed.status == 0 && installed.stdoutText == "\(version)\n")
    if let man = which("man") {
      let page = try run(man, ["-l", unpacked.appendingPathComponent("usr/share/man/man1/iotctl-pub.1.gz").path], environment: ["MANWIDTH": "80"])
      #expect(page.stdoutText.contains("iotctl pub"), "\(page.stderr)")
    }
  }
}
