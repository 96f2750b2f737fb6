import ArgumentParser
import IotctlDialect

/// `--context NAME`: the named context from the config file supplies the dialect, the broker, the
/// variables and the credentials that the flags leave out.
struct ContextOptions: ParsableArguments {
  @Option(
    name: .customLong("context"),
    help: ArgumentHelp("A context from 'iotctl context list' (default: $IOTCTL_CONTEXT, then the current one).", valueName: "name"),
    completion: .custom { _, _, _ in ContextCompletion.names() })
  var name: String?

  func validate() throws { try unwrapped.checkOptions() }
}

/// Context names for shell completion: read from the config file, offline.
enum ContextCompletion {
  static func names() -> [String] {
    guard let path = ContextConfig.path(environment: Environment.all),
      let config = try? ContextConfig.load(path: path)
    else { return [] }
    return config.contexts.map(\.name)
  }
}

extension ContextOptions.Values {
  // The dialect and connection flags live in other groups; recording the choice here lets both reach it
  // without every verb passing it along. It runs once, right after parsing (by table or ArgumentParser).
  func checkOptions() throws {
    if let name, !ContextConfig.isValidName(name) {
      throw ValidationError("'\(name)' is not a context name; use letters, digits, '.', '_' and '-'")
    }
    ActiveContext.request(name)
  }
}
