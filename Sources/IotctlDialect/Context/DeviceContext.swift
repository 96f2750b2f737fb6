/// A named device setup: which dialect, which broker and TLS files, the dialect's variables, and the
/// credentials, so that a verb needs only `--context NAME`.
public struct DeviceContext: Sendable, Equatable {
  public var name: String
  /// A built-in or user dialect name.
  public var dialect: String?
  /// A profile file, instead of `dialect`.
  public var dialectFile: String?
  /// `mqtt[s]://host[:port]`.
  public var broker: String?
  public var caFile: String?
  public var caPath: String?
  public var certFile: String?
  public var keyFile: String?
  public var insecure: Bool?
  public var alpn: String?
  public var clientID: String?
  /// "5", "311" or "31".
  public var protocolVersion: String?
  public var username: ContextValue?
  public var password: ContextValue?
  /// The dialect's variables, in file order.
  public var variables: [(name: String, value: ContextValue)]

  public init(name: String) {
    self.name = name
    variables = []
  }

  /// The value of variable `name`, if the context sets it.
  public func variable(_ name: String) -> ContextValue? {
    variables.first { $0.name == name }?.value
  }

  /// Sets (or, with nil, removes) variable `name`, keeping the file order.
  public mutating func setVariable(_ name: String, _ value: ContextValue?) {
    if let index = variables.firstIndex(where: { $0.name == name }) {
      if let value { variables[index].value = value } else { variables.remove(at: index) }
    } else if let value {
      variables.append((name, value))
    }
  }

  public static func == (lhs: DeviceContext, rhs: DeviceContext) -> Bool {
    lhs.name == rhs.name && lhs.dialect == rhs.dialect && lhs.dialectFile == rhs.dialectFile && lhs.broker == rhs.broker
      && lhs.caFile == rhs.caFile && lhs.caPath == rhs.caPath && lhs.certFile == rhs.certFile && lhs.keyFile == rhs.keyFile
      && lhs.insecure == rhs.insecure && lhs.alpn == rhs.alpn && lhs.clientID == rhs.clientID
      && lhs.protocolVersion == rhs.protocolVersion && lhs.username == rhs.username && lhs.password == rhs.password
      && lhs.variables.map(\.name) == rhs.variables.map(\.name) && lhs.variables.map(\.value) == rhs.variables.map(\.value)
  }
}
