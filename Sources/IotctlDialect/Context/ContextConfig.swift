import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// The user's contexts and which one is current: the JSON file `$XDG_CONFIG_HOME/iotctl/config`
/// (by default `~/.config/iotctl/config`; `IOTCTL_CONFIG` names another). The format is in docs/contexts.md.
public struct ContextConfig: Sendable, Equatable {
  /// The context verbs use when none is named.
  public var current: String?
  /// The contexts, in file order.
  public var contexts: [DeviceContext] = []

  public init() {}

  /// The config file's path from the environment, if `IOTCTL_CONFIG`, `XDG_CONFIG_HOME` or `HOME` says where.
  public static func path(environment: [String: String]) -> String? {
    if let path = environment["IOTCTL_CONFIG"], !path.isEmpty { return path }
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/iotctl/config" }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.config/iotctl/config" }
    return nil
  }

  /// The context called `name`.
  public func context(_ name: String) -> DeviceContext? { contexts.first { $0.name == name } }

  /// The contexts' names for messages: "known: a, b", or "there are none yet".
  public var knownNames: String {
    contexts.isEmpty ? "there are none yet" : "known: " + contexts.map(\.name).joined(separator: ", ")
  }

  /// Adds `context`, or replaces the one with its name.
  public mutating func store(_ context: DeviceContext) {
    if let index = contexts.firstIndex(where: { $0.name == context.name }) {
      contexts[index] = context
    } else {
      contexts.append(context)
    }
  }

  /// Removes the context called `name`; returns whether there was one. Removing the current one clears `current`.
  @discardableResult
  public mutating func remove(_ name: String) -> Bool {
    guard let index = contexts.firstIndex(where: { $0.name == name }) else { return false }
    contexts.remove(at: index)
    if current == name { current = nil }
    return true
  }

  /// Whether `name` may name a context: letters, digits, `.`, `_` and `-`, starting with a letter or digit.
  public static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
  }

  // MARK: Files

  /// The config in the file at `path`; an empty config when there is no such file.
  ///
  /// - Throws: ``CoreError`` (`unreadableConfig`, `invalidConfig`) naming the file and, for bad JSON, the line.
  public static func load(path: String) throws(CoreError) -> ContextConfig {
    let bytes: [UInt8]?
    do {
      bytes = try FileContents.readIfPresent(path, limit: FileContents.largestDocument, regularOnly: true)
    } catch {
      throw CoreError(.unreadableConfig, "cannot read the context config \(path): \(error.reason)")
    }
    guard let bytes else { return ContextConfig() }
    return try parse(bytes, origin: path)
  }

  /// Writes the config to `path` atomically with mode 0600, creating its folder (0700) if needed.
  public func save(path: String) throws(CoreError) {
    var folder = path.hasPrefix("/") ? "" : "."
    for level in path.split(separator: "/").dropLast() {
      folder += "/" + level
      mkdir(folder, 0o700)
    }
    do {
      try FileContents.writeAtomically(Array(json.prettyText.utf8), to: path, mode: 0o600)
    } catch {
      throw CoreError(.unreadableConfig, "cannot write the context config \(path): \(error.reason)")
    }
  }

  /// Whether group or others may read the file at `path`.
  public static func isShared(path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & 0o077 != 0
  }

  // MARK: JSON

  static let fields: [String] = [
    "dialect", "dialectFile", "broker", "cafile", "capath", "cert", "key", "insecure", "alpn", "clientId",
    "mqttVersion", "username", "password", "vars",
  ]

  /// Reads the JSON form.
  public static func parse(_ bytes: [UInt8], origin: String) throws(CoreError) -> ContextConfig {
    func invalid(_ why: String) -> CoreError {
      CoreError(.invalidConfig, "the context config \(origin) \(why); fix it by hand or move it away (it was not changed)")
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw invalid("is not valid JSON: \(error)")
    }
    guard let root = document.objectValue else { throw invalid("must be a JSON object") }
    var config = ContextConfig()
    for key in root.keys where key != "current" && key != "contexts" {
      throw invalid("has an unknown member '\(key)'; it takes current and contexts")
    }
    if let current = root["current"] {
      guard let name = current.stringValue else { throw invalid("has a current that is not a string") }
      config.current = name
    }
    guard let contexts = root["contexts"]?.objectValue ?? (root["contexts"] == nil ? JSONObject() : nil) else {
      throw invalid("has contexts that is not an object of name: context")
    }
    for (name, value) in contexts.members {
      guard isValidName(name) else { throw invalid("has a context named '\(name)'; use letters, digits, '.', '_' and '-'") }
      guard let fields = value.objectValue else { throw invalid("has context \(name) that is not an object") }
      config.contexts.append(try context(name, fields, invalid: invalid))
    }
    return config
  }

  private static func context(_ name: String, _ object: JSONObject, invalid: (String) -> CoreError) throws(CoreError) -> DeviceContext {
    var context = DeviceContext(name: name)
    for key in object.keys where !fields.contains(key) {
      throw invalid("has an unknown field '\(key)' in context \(name); fields are \(fields.joined(separator: ", "))")
    }
    func string(_ key: String) throws(CoreError) -> String? {
      guard let value = object[key] else { return nil }
      guard let text = value.stringValue else { throw invalid("has \(key) in context \(name) that is not a string") }
      return text
    }
    context.dialect = try string("dialect")
    context.dialectFile = try string("dialectFile")
    if context.dialect != nil && context.dialectFile != nil {
      throw invalid("has both dialect and dialectFile in context \(name); keep one")
    }
    context.broker = try string("broker")
    context.caFile = try string("cafile")
    context.caPath = try string("capath")
    context.certFile = try string("cert")
    context.keyFile = try string("key")
    if let insecure = object["insecure"] {
      guard let flag = insecure.boolValue else { throw invalid("has insecure in context \(name) that is not true or false") }
      context.insecure = flag
    }
    context.alpn = try string("alpn")
    context.clientID = try string("clientId")
    context.protocolVersion = try string("mqttVersion")
    if let version = context.protocolVersion, !["5", "311", "31"].contains(version) {
      throw invalid("has mqttVersion '\(version)' in context \(name); use \"5\", \"311\" or \"31\"")
    }
    context.username = try string("username").map(ContextValue.init(parsing:))
    context.password = try string("password").map(ContextValue.init(parsing:))
    if let variables = object["vars"] {
      guard let members = variables.objectValue else { throw invalid("has vars in context \(name) that is not an object") }
      for (variable, value) in members.members {
        guard let text = value.stringValue else { throw invalid("has vars.\(variable) in context \(name) that is not a string") }
        context.variables.append((variable, ContextValue(parsing: text)))
      }
    }
    return context
  }

  /// The JSON form, fields in a fixed order.
  public var json: JSONValue {
    var root = JSONObject()
    if let current { root["current"] = .string(current) }
    var contexts = JSONObject()
    for context in self.contexts { contexts[context.name] = Self.json(context) }
    root["contexts"] = .object(contexts)
    return .object(root)
  }

  /// One context's JSON form; `secrets` masks inline values of the listed variables (and any inline password).
  public static func json(_ context: DeviceContext, maskingVariables secrets: Set<String>? = nil, mask: String = "****") -> JSONValue {
    var object = JSONObject()
    // Shown (with `secrets` given), a password inside the broker URL is masked like any other.
    let broker = secrets == nil ? context.broker : context.broker.map { SecretMask.userInfoPassword(in: $0, mask: mask) }
    let strings: [(String, String?)] = [
      ("dialect", context.dialect), ("dialectFile", context.dialectFile), ("broker", broker), ("cafile", context.caFile),
      ("capath", context.caPath), ("cert", context.certFile), ("key", context.keyFile),
    ]
    for (key, value) in strings { if let value { object[key] = .string(value) } }
    if let insecure = context.insecure { object["insecure"] = .bool(insecure) }
    if let alpn = context.alpn { object["alpn"] = .string(alpn) }
    if let clientID = context.clientID { object["clientId"] = .string(clientID) }
    if let version = context.protocolVersion { object["mqttVersion"] = .string(version) }
    if let username = context.username { object["username"] = .string(username.text) }
    if let password = context.password {
      object["password"] = .string(secrets == nil ? password.text : password.shown(secret: true, mask: mask))
    }
    if !context.variables.isEmpty {
      var variables = JSONObject()
      for (name, value) in context.variables {
        let secret = secrets?.contains(name) ?? false
        variables[name] = .string(value.shown(secret: secret, mask: mask))
      }
      object["vars"] = .object(variables)
    }
    return .object(object)
  }
}
