import Foundation

extension Broker {
  /// A broker on a TLS listener, with a CA and a server certificate made by openssl for the test: the
  /// certificate names `names` in its subjectAltName and is valid for `days` (negative: already expired).
  public static func tls(days: Int = 2, names: String = "DNS:localhost,IP:127.0.0.1") throws -> (broker: Broker, ca: String) {
    let directory = try temporaryDirectory()
    guard let openssl = which("openssl") else { throw TestSetupError(description: "openssl is not installed") }
    func sh(_ arguments: [String]) throws {
      let result = try run(openssl, arguments)
      guard result.status == 0 else { throw TestSetupError(description: "openssl \(arguments.first ?? ""): \(result.stderr)") }
    }
    let ca = directory.appendingPathComponent("ca").path
    let server = directory.appendingPathComponent("server").path
    try sh(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(ca).key", "-out", "\(ca).crt", "-days", "2",
      "-subj", "/CN=iotctl test CA"])
    try sh(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(server).key", "-out", "\(server).csr",
      "-subj", "/CN=localhost"])
    try "subjectAltName=\(names)\n".write(toFile: "\(server).ext", atomically: true, encoding: .utf8)
    try sh(["x509", "-req", "-in", "\(server).csr", "-CA", "\(ca).crt", "-CAkey", "\(ca).key", "-CAcreateserial",
      "-out", "\(server).crt", "-days", String(days), "-extfile", "\(server).ext"])
    // mosquitto started as root drops to its own user, which must be able to read these files.
    for path in try FileManager.default.contentsOfDirectory(atPath: directory.path) + [""] {
      try FileManager.default.setAttributes(
        [.posixPermissions: path.isEmpty ? 0o755 : 0o644], ofItemAtPath: directory.appendingPathComponent(path).path)
    }
    let broker = try Broker(config: [
      "allow_anonymous true", "cafile \(ca).crt", "certfile \(server).crt", "keyfile \(server).key",
    ])
    return (broker, "\(ca).crt")
  }
}
