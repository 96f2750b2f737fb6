import Foundation
import IotctlTestSupport

/// Python's http.server behind TLS (Peers/https_server.py), an independent peer serving one file at
/// /firmware.bin (with Range), /missing (404), /moved (a redirect) and /short (a body cut in half).
final class HTTPSFileServer {
  let process: Background
  let certificates: TestCertificates
  let base: String

  init(serving file: URL) throws {
    certificates = try TestCertificates()
    let port = try freePort()
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/https_server.py").path
    process = try Background("/usr/bin/env", ["python3", script, certificates.certificate, certificates.key, file.path, String(port)])
    base = "https://localhost:\(port)"
    guard eventually(timeout: 20, { String(decoding: self.process.stdoutSoFar, as: UTF8.self).contains("READY") }) else {
      throw TestSetupError(description: "the HTTPS server did not start: \(process.stderrSoFar)")
    }
  }

  /// The requests so far, one "GET PATH Range: VALUE" line each.
  var requests: String { String(decoding: process.stdoutSoFar, as: UTF8.self) }

  deinit {
    process.terminate()
    _ = process.wait(timeout: 5)
  }
}
