/// A broker address in URL form: `mqtt[s]://[user[:password]@]host[:port][/topic]`, as `-L`, a
/// context's broker and `IOTCTL_BROKER` give it.
public struct BrokerURL: Equatable, Sendable {
  /// Whether the scheme asks for TLS (`mqtts`).
  public var tls: Bool
  public var username: String?
  public var password: String?
  public var host: String
  public var port: Int?
  /// The path after the host: a topic for `-L`.
  public var topic: String?

  /// Parses `text`; `schemes` maps accepted schemes to whether they mean TLS, and `flag` names where
  /// the URL came from in errors, which never show its password.
  ///
  /// - Throws: ``CoreError`` of kind `invalidBrokerURL`.
  public init(_ text: String, flag: String = "-L", schemes: [String: Bool] = ["mqtt": false, "mqtts": true])
    throws(CoreError)
  {
    guard let separator = text.firstRange(of: "://") else {
      throw CoreError(.invalidBrokerURL, "\(flag) '\(SecretMask.userInfoPassword(in: text))' is not a URL; write it as mqtt://host:1883/topic or mqtts://host")
    }
    let scheme = text[..<separator.lowerBound].lowercased()
    guard let tls = schemes[scheme] else {
      let accepted = schemes.keys.sorted().map { "\($0)://" }.joined(separator: ", ")
      throw CoreError(.invalidBrokerURL, "\(flag) scheme '\(scheme)://' is not supported; use \(accepted)")
    }
    self.tls = tls
    var rest = text[separator.upperBound...]
    if let slash = rest.firstIndex(of: "/") {
      let path = rest[rest.index(after: slash)...]
      topic = path.isEmpty ? nil : String(path)
      rest = rest[..<slash]
    }
    if let at = rest.lastIndex(of: "@") {
      let credentials = rest[..<at]
      if let colon = credentials.firstIndex(of: ":") {
        username = String(credentials[..<colon])
        password = String(credentials[credentials.index(after: colon)...])
      } else {
        username = String(credentials)
      }
      rest = rest[rest.index(after: at)...]
    }
    if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
      host = String(rest[rest.index(after: rest.startIndex)..<close])
      rest = rest[rest.index(after: close)...]
      if rest.hasPrefix(":") { port = try Self.port(rest.dropFirst(), text, flag) }
    } else if let colon = rest.lastIndex(of: ":") {
      host = String(rest[..<colon])
      port = try Self.port(rest[rest.index(after: colon)...], text, flag)
    } else {
      host = String(rest)
    }
    if host.isEmpty { throw CoreError(.invalidBrokerURL, "\(flag) '\(SecretMask.userInfoPassword(in: text))' has no host") }
  }

  private static func port(_ text: Substring, _ url: String, _ flag: String) throws(CoreError) -> Int {
    guard let value = Int(text), (1...65535).contains(value) else {
      throw CoreError(.invalidBrokerURL, "\(flag) '\(SecretMask.userInfoPassword(in: url))' has an invalid port '\(text)'; use 1-65535")
    }
    return value
  }
}
