import IotctlSchema

/// Credentials a platform hands out in an answer (ThingsBoard's provisioning), and where they go in a
/// context. A profile lists cases; `op NAME --save-context` uses the first whose conditions hold.
public struct IssuedCredentials: Sendable {
  /// Members of the answer and the text each must equal, such as `/status` = `SUCCESS`.
  public var conditions: MessageConditions
  /// Dialect variables taken from the answer, such as `token` from `/credentialsValue`.
  public var variables: [(name: String, pointer: JSONPointer)]
  public var clientID: JSONPointer?
  public var username: JSONPointer?
  public var password: JSONPointer?

  /// What one case found in an answer.
  public struct Values: Sendable, Equatable {
    public var variables: [String: String] = [:]
    public var clientID: String?
    public var username: String?
    public var password: String?

    public init(variables: [String: String] = [:], clientID: String? = nil, username: String? = nil, password: String? = nil) {
      (self.variables, self.clientID, self.username, self.password) = (variables, clientID, username, password)
    }
  }

  /// The values in `answer`, or nil when a condition fails or a named member is missing or not text.
  public func read(_ answer: JSONValue) -> Values? {
    guard conditions.hold(in: answer) else { return nil }
    func text(_ pointer: JSONPointer?) -> (found: String?, missing: Bool) {
      guard let pointer else { return (nil, false) }
      guard let value = pointer.resolve(in: answer)?.stringValue, !value.isEmpty else { return (nil, true) }
      return (value, false)
    }
    var values = Values()
    for (name, pointer) in variables {
      guard let value = text(pointer).found else { return nil }
      values.variables[name] = value
    }
    let (clientID, username, password) = (text(clientID), text(username), text(password))
    if clientID.missing || username.missing || password.missing { return nil }
    (values.clientID, values.username, values.password) = (clientID.found, username.found, password.found)
    return values
  }

  /// The first case of `cases` that `answer` satisfies.
  public static func read(_ answer: JSONValue, cases: [IssuedCredentials]) -> Values? {
    cases.lazy.compactMap { $0.read(answer) }.first
  }
}
