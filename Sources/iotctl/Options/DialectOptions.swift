import ArgumentParser
import IotctlCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `--dialect` or `--dialect-file`, and the variables (`--var`, `--var-file`) that fill its templates.
struct DialectOptions: ParsableArguments {
  @Option(name: .customLong("dialect"), help: ArgumentHelp("A built-in or user dialect: thingsboard, kaa, edgeiq, xyte, mediumone.", valueName: "name"))
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

  func validate() throws {
    if dialect != nil && dialectFile != nil { throw ValidationError("give --dialect or --dialect-file, not both") }
    try NameValue.validate(variables + variableFiles)
  }

  var isGiven: Bool { dialect != nil || dialectFile != nil }

  /// The profile named by the flags.
  func profile() throws -> DialectProfile {
    let catalog = ProfileCatalog(environment: Environment.all)
    if let dialectFile { return try catalog.load(file: dialectFile) }
    guard let dialect else { throw ValidationError("name a dialect: --dialect NAME or --dialect-file FILE") }
    return try catalog.load(dialect)
  }

  /// The variables given on the command line, each checked against `profile`'s rules.
  func bindings(for profile: DialectProfile) throws -> VariableBindings {
    var given: [String: String] = [:]
    for pair in variables {
      let (name, value) = NameValue.split(pair)
      given[name] = value
    }
    for pair in variableFiles {
      let (name, path) = NameValue.split(pair)
      given[name] = try Secrets.fromFile(path, purpose: "file for variable \(name)")
    }
    return try VariableBindings(profile: profile, given: given, environment: Environment.all)
  }
}

/// The process environment.
enum Environment {
  static var all: [String: String] {
    var result: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      entry += 1
    }
    return result
  }
}
