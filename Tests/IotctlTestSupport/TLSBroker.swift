import Foundation

/// A CA and a server certificate made by openssl for a test: the certificate names `names` in its
/// subjectAltName and is valid for `days` (negative: already expired). Readable by all, since mosquitto
/// started as root drops to its own user.
public struct TestCertificates {
  public let ca: String
  public let certificate: String
  public let key: String

  public init(days: Int = 2, names: String = "DNS:localhost,IP:127.0.0.1") throws {
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
    for path in try FileManager.default.contentsOfDirectory(atPath: directory.path) + [""] {
      try FileManager.default.setAttributes(
        [.posixPermissions: path.isEmpty ? 0o755 : 0o644], ofItemAtPath: directory.appendingPathComponent(path).path)
    }
    (self.ca, certificate, key) = ("\(ca).crt", "\(server).crt", "\(server).key")
  }
}

extension Broker {
  /// A broker on a TLS listener with ``TestCertificates`` made for it.
  public static func tls(days: Int = 2, names: String = "DNS:localhost,IP:127.0.0.1") throws -> (broker: Broker, ca: String) {
    let files = try TestCertificates(days: days, names: names)
    let broker = try Broker(config: [
      "allow_anonymous true", "cafile \(files.ca)", "certfile \(files.certificate)", "keyfile \(files.key)",
    ])
    return (broker, files.ca)
  }
}
