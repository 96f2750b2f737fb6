import IotctlMQTT

extension Iotctl.Doctor {
  /// The TLS step: a handshake of its own, to show the protocol, SNI, ALPN and the certificate chain with
  /// its dates, and to name what does not verify and how to fix it.
  func checkTLS(
    _ tls: TLSOptions, _ options: ConnectOptions, report: (String, Bool, String, String?) -> Void, detail: (String) -> Void
  ) throws {
    let seen: TLSReport
    do {
      seen = try TLSConnection(host: options.host, port: options.port, settings: tls, timeout: timeout).report
    } catch {
      let reason = if case .tlsFailed(_, _, let reason) = error { reason } else { error.description }
      report("tls", false, "handshake failed: \(reason)", Self.handshakeFix)
      throw CLIError(.unreachable, "tls step failed: \(reason)")
    }
    let alpn =
      tls.alpn.map { wanted in seen.alpn == wanted ? "ALPN \(wanted)" : "ALPN \(wanted) requested, server selected \(seen.alpn ?? "none")" }
      ?? "no ALPN"
    let trust = tls.caFile ?? tls.caPath ?? "the OS trust store"
    let lines = seen.chain.enumerated().map { index, certificate in
      "cert \(index): \(certificate.subject), issued by \(certificate.issuer), \(Self.validity(certificate))"
    }
    let summary = "\(seen.protocolVersion) \(seen.cipher), SNI \(seen.serverName ?? "none (IP address)"), \(alpn)"
    if let problem = seen.verifyError, !tls.insecure {
      report("tls", false, "\(summary); the certificate does not verify against \(trust): \(problem)", nil)
      lines.forEach(detail)
      detail("fix: \(Self.fix(for: problem, chain: seen.chain))")
      throw CLIError(.unreachable, "tls step failed: \(problem)")
    }
    let verdict =
      tls.insecure
      ? "NOT verified (--insecure)\(seen.verifyError.map { ": it would fail: \($0)" } ?? "")"
      : "verified against \(trust), host name \(seen.checkedHostName ? "matches" : "not checked")"
    report("tls", true, "\(summary); \(verdict)", nil)
    lines.forEach(detail)
  }

  static let handshakeFix =
    "check that this port speaks TLS (8883, not 1883), --tls-version, --tls-alpn if the broker needs one, and the client certificate and key"

  static func validity(_ certificate: TLSReport.Certificate) -> String {
    func days(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }
    if certificate.daysUntilValid > 0 { return "not valid for \(days(certificate.daysUntilValid)) more" }
    if certificate.daysLeft < 0 { return "EXPIRED \(days(-certificate.daysLeft)) ago" }
    return "expires in \(days(certificate.daysLeft))" + (certificate.daysLeft < 30 ? " (renew soon)" : "")
  }

  /// What to do about OpenSSL's verification error.
  static func fix(for problem: String, chain: [TLSReport.Certificate]) -> String {
    let leaf = chain.first?.subject ?? "the server"
    switch problem {
    case let text where text.contains("expired"):
      return "the broker's certificate (or one in its chain) has expired: renew it on the broker"
    case let text where text.contains("not yet valid"):
      return "check this machine's clock (date -u) or the certificate's start date"
    case let text where text.contains("mismatch"):
      return "connect by a name or address the certificate lists (it was issued to \(leaf)), or reissue it with that subjectAltName"
    case let text where text.contains("issuer") || text.contains("self-signed") || text.contains("self signed"):
      return "trust the CA that signed it: --cafile CA.pem (the chain ends at \(chain.last?.issuer ?? "an unknown issuer"))"
    default:
      return "check --cafile and the broker's certificate chain"
    }
  }
}
