import ArgumentParser
import IotctlDialect

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `--dialect` or `--dialect-file`, and the variables (`--var`, `--var-file`) that fill its templates.
struct DialectOptions: ParsableArguments {
  @Option(
    name: .customLong("dialect"),
    help: ArgumentHelp("A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.", valueName: "name"),
    completion: .custom { _, _, _ in DialectCompletion.names() })
  var dialect: String?

  @Option(name: .customLong("dialect-file"), help: "A dialect profile file (JSON).", completion: .file(extensions: ["json"]))
  var dialectFile: String?

  @Option(name: .customLong("var"), help: ArgumentHelp("A dialect variable (repeatable); see 'iotctl dialects show NAME'.", valueName: "name=value"))
  var variables: [String] = []

  @Option(
    name: .customLong("var-file"),
    help: ArgumentHelp("A variable read from the first line of a file, for secrets (repeatable).", valueName: "name=path"),
    completion: .file())
  var variableFiles: [String] = []

  @OptionGroup var context: ContextOptions

  func validate() throws { try unwrapped.checkOptions() }
}

/// A dialect's variables as the flags, the environment and the context give them.
struct VariableSources {
  var profile: DialectProfile
  /// `--var` and `--var-file` values, then `$IOTCTL_VAR_name`.
  var given: [String: String]
  var environment: [String: String]
  var context: [String: String]

  /// The bindings, with `own` values above the given ones.
  func bind(_ own: [String: String] = [:]) throws(CoreError) -> VariableBindings {
    try VariableBindings(
      profile: profile, given: given.merging(own) { _, device in device }, environment: environment, context: context)
  }
}

/// The environment variables of the command's environment (``CommandEnvironment``).
enum Environment {
  static var all: [String: String] { CommandEnvironment.current.variables }
}

extension DialectOptions.Values {
  func checkOptions() throws {
    if dialect != nil && dialectFile != nil { throw ValidationError("give --dialect or --dialect-file, not both") }
    try NameValue.validate(variables + variableFiles)
    let named = dialectFile.map(FilePath.absolute) ?? dialect
    CommandEnvironment.current.namedDialect.withLock { $0 = named }
  }

  /// Whether the command line names a dialect.
  var isGiven: Bool { dialect != nil || dialectFile != nil }

  /// The profile named by the flags, else by `$IOTCTL_DIALECT`, else by the context.
  func profile() throws -> DialectProfile {
    let environment = Environment.all
    let catalog = ProfileCatalog(environment: environment)
    if let dialectFile { return try catalog.load(file: dialectFile) }
    if let dialect { return try catalog.load(dialect) }
    if let dialect = environment["IOTCTL_DIALECT"], !dialect.isEmpty { return try catalog.load(dialect) }
    if let context = try ActiveContext.load() {
      if let profile = try catalog.load(for: context.context) { return profile }
      throw CLIError.usage("context \(context.name) names no dialect; add one: iotctl context set \(context.name) --dialect NAME")
    }
    throw CLIError.usage("name a dialect: --dialect NAME, --dialect-file FILE, or a context that has one (--context NAME)")
  }

  /// Where the profile comes from, as a context records it: a dialect name or an absolute profile path.
  func source() throws -> (dialect: String?, dialectFile: String?) {
    if let dialectFile { return (nil, FilePath.absolute(dialectFile)) }
    if let dialect { return (dialect, nil) }
    if let dialect = Environment.all["IOTCTL_DIALECT"], !dialect.isEmpty { return (dialect, nil) }
    if let context = try ActiveContext.load()?.context { return (context.dialect, context.dialectFile) }
    return (nil, nil)
  }

  /// The variables, each checked against `profile`'s rules. A value comes from the first of: `--var` or
  /// `--var-file`; `$IOTCTL_VAR_name` or the dialect's own variable (`TB_ACCESS_TOKEN`, say); the context; the
  /// dialect's default.
  ///
  /// - Parameter fallback: values for variables nothing else binds, below the dialect's defaults.
  func bindings(for profile: DialectProfile, fallback: [String: String] = [:]) throws -> VariableBindings {
    var sources = try variableSources(for: profile)
    for rule in profile.variables where sources.context[rule.name] == nil && rule.defaultValue == nil {
      sources.context[rule.name] = fallback[rule.name]
    }
    let bindings = try sources.bind()
    Diagnostics.registerSecrets(bindings.secretValues)
    return bindings
  }

  /// Where the variables come from, read once: a simulated fleet binds them once per device, each with
  /// its own values on top (``VariableSources/bind(_:)``).
  func variableSources(for profile: DialectProfile) throws -> VariableSources {
    var given: [String: String] = [:]
    for pair in variables {
      let (name, value) = NameValue.split(pair)
      given[name] = value
    }
    for pair in variableFiles {
      let (name, path) = NameValue.split(pair)
      given[name] = try Secrets.fromFile(path, purpose: "file for variable \(name)")
    }
    let environment = Environment.all
    for rule in profile.variables where given[rule.name] == nil {
      if let value = environment["IOTCTL_VAR_" + rule.name] { given[rule.name] = value }
    }
    var fromContext: [String: String] = [:]
    if let active = try ActiveContext.load() {
      for (name, value) in active.context.variables where given[name] == nil {
        guard let rule = profile.variable(name) else {
          throw CLIError.usage(
            "context \(active.name) sets variable '\(name)', which dialect \(profile.name) does not have; remove it: iotctl context set \(active.name) --unset-var \(name)")
        }
        if let variable = rule.environment, environment[variable] != nil { continue }
        fromContext[name] = try active.resolve(value, what: "variable \(name)", secret: rule.secret)
      }
    }
    return VariableSources(profile: profile, given: given, environment: environment, context: fromContext)
  }
}
