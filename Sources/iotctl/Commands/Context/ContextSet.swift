import ArgumentParser
import IotctlDialect
import IotctlMQTT

extension Iotctl.Context {
  /// `iotctl context set`.
  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Create a context, or change the fields given; the file is written atomically with mode 0600.",
      discussion: """
        Values of --username, --password and --var may be references resolved when a verb runs: env:VAR, \
        file:PATH (its first line) or prompt. Example:
          iotctl context set tb-demo --dialect thingsboard \\
            --broker mqtt://localhost:1883 --var token=env:TB_TOKEN --use
        """)

    @Argument(help: "The context to create or change.", completion: .custom { _, _, _ in ContextCompletion.names() })
    var name: String

    @Option(help: ArgumentHelp("A built-in or user dialect.", valueName: "name"), completion: .custom { _, _, _ in DialectCompletion.names() })
    var dialect: String?

    @Option(name: .customLong("dialect-file"), help: "A dialect profile file (JSON).", completion: .file(extensions: ["json"]))
    var dialectFile: String?

    @Option(help: ArgumentHelp("The broker: mqtt[s]://host[:port].", valueName: "url"))
    var broker: String?

    @Option(name: .customLong("cafile"), help: "Trusted CA certificates (PEM).", completion: .file())
    var caFile: String?

    @Option(name: .customLong("capath"), help: "Directory of trusted CA certificates.", completion: .directory)
    var caPath: String?

    @Option(name: .customLong("cert"), help: "Client certificate (PEM).", completion: .file())
    var certFile: String?

    @Option(name: .customLong("key"), help: "Client private key (PEM).", completion: .file())
    var keyFile: String?

    @Flag(inversion: .prefixedNo, help: "Skip server certificate checks (or --no-insecure to stop skipping).")
    var insecure: Bool?

    @Option(name: .customLong("tls-alpn"), help: "ALPN protocol.")
    var alpn: String?

    @Option(name: .customLong("client-id"), help: "Client id.")
    var clientID: String?

    @Option(name: .customLong("mqtt-version"), help: "MQTT version: 5, 311 or 31.")
    var mqttVersion: ProtocolVersion?

    @Option(help: ArgumentHelp("User name, or env:VAR / file:PATH / prompt.", valueName: "value"))
    var username: String?

    @Option(help: ArgumentHelp("Password: env:VAR, file:PATH, prompt, or the password itself (stored inline).", valueName: "value"))
    var password: String?

    @Option(name: .customLong("var"), help: ArgumentHelp("A dialect variable, value or reference (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("unset-var"), help: ArgumentHelp("Remove a variable (repeatable).", valueName: "name"))
    var unsetVariables: [String] = []

    @Option(
      name: .customLong("unset"),
      help: ArgumentHelp("Remove a field (repeatable): \(Field.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "field"))
    var unset: [Field] = []

    @Flag(help: "Also make it the current context.")
    var use = false

    enum Field: String, CaseIterable, ExpressibleByArgument {
      case dialect, broker, cafile, capath, cert, key, insecure, alpn, clientId, mqttVersion, username, password
    }

    func validate() throws {
      guard ContextConfig.isValidName(name) else {
        throw ValidationError("'\(name)' is not a context name; use letters, digits, '.', '_' and '-'")
      }
      if dialect != nil && dialectFile != nil { throw ValidationError("give --dialect or --dialect-file, not both") }
      try NameValue.validate(variables)
      if let broker { _ = try BrokerURL(broker, flag: "--broker") }
    }

    func run() throws {
      var file = try ContextFile()
      var context = file.config.context(name) ?? DeviceContext(name: name)
      for field in unset { clear(field, in: &context) }
      if let dialect {
        context.dialect = dialect
        context.dialectFile = nil
      }
      if let dialectFile {
        context.dialectFile = dialectFile
        context.dialect = nil
      }
      context.broker = broker ?? context.broker
      context.caFile = caFile ?? context.caFile
      context.caPath = caPath ?? context.caPath
      context.certFile = certFile ?? context.certFile
      context.keyFile = keyFile ?? context.keyFile
      context.insecure = insecure ?? context.insecure
      context.alpn = alpn ?? context.alpn
      context.clientID = clientID ?? context.clientID
      context.protocolVersion = mqttVersion?.rawValue ?? context.protocolVersion
      context.username = username.map(ContextValue.init(parsing:)) ?? context.username
      context.password = password.map(ContextValue.init(parsing:)) ?? context.password
      for name in unsetVariables { context.setVariable(name, nil) }
      for pair in variables {
        let (variable, value) = NameValue.split(pair)
        context.setVariable(variable, ContextValue(parsing: value))
      }
      try check(context)
      file.config.store(context)
      if use { file.config.current = name }
      try file.save()
      let secrets = ContextFile.secretVariables(of: context)
      let inline = (context.password?.isInline == true ? ["password"] : [])
        + context.variables.filter { secrets.contains($0.name) && $0.value.isInline }.map { "variable \($0.name)" }
      if !inline.isEmpty {
        Diagnostics.note("\(inline.joined(separator: ", ")) stored inline in \(file.path) (mode 0600); env:VAR or file:PATH keep secrets out of it")
      }
      Diagnostics.note("context \(name) saved" + (use ? " and current" : ""))
    }

    private func clear(_ field: Field, in context: inout DeviceContext) {
      switch field {
      case .dialect: (context.dialect, context.dialectFile) = (nil, nil)
      case .broker: context.broker = nil
      case .cafile: context.caFile = nil
      case .capath: context.caPath = nil
      case .cert: context.certFile = nil
      case .key: context.keyFile = nil
      case .insecure: context.insecure = nil
      case .alpn: context.alpn = nil
      case .clientId: context.clientID = nil
      case .mqttVersion: context.protocolVersion = nil
      case .username: context.username = nil
      case .password: context.password = nil
      }
    }

    /// Checks the variables against the dialect, when it can be loaded: names it declares, inline values keeping its rules.
    private func check(_ context: DeviceContext) throws {
      guard let profile = try ProfileCatalog(environment: Environment.all).load(for: context) else {
        if !context.variables.isEmpty {
          throw CLIError.usage("context \(name) has variables but no dialect to check them against; add --dialect NAME")
        }
        return
      }
      for (variable, _) in context.variables where profile.variable(variable) == nil {
        let known = profile.variables.map(\.name).joined(separator: ", ")
        throw CLIError.usage("dialect \(profile.name) has no variable '\(variable)'; its variables are: \(known)")
      }
      var inline: [String: String] = [:]
      for (variable, value) in context.variables { if case .inline(let text) = value { inline[variable] = text } }
      _ = try VariableBindings(profile: profile, given: inline, environment: [:])
    }
  }
}
