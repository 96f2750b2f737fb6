import ArgumentParser
import IotctlDialect

extension Iotctl {
  /// `iotctl context`: named device setups in the config file.
  struct Context: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "context",
      abstract: "Keep named device contexts: dialect, broker, TLS files, variables and credentials.",
      discussion: """
        Contexts live in $XDG_CONFIG_HOME/iotctl/config (default ~/.config/iotctl/config; $IOTCTL_CONFIG \
        names another file). A verb uses the context named by --context, else $IOTCTL_CONTEXT, else the \
        current one ('iotctl context use'). Flags win over IOTCTL_* variables, which win over the context, \
        which wins over the dialect's defaults. Secrets may be stored as references: env:VAR, file:PATH or \
        prompt. See docs/contexts.md.
        """,
      subcommands: [List.self, Show.self, Use.self, Set.self, Delete.self])
  }
}

/// The config file the context verbs read and write.
struct ContextFile {
  let path: String
  var config: ContextConfig

  /// Reads the config (an empty one when the file does not exist yet).
  init() throws {
    guard let path = ContextConfig.path(environment: Environment.all) else {
      throw CLIError.usage("cannot place the context config: set HOME, XDG_CONFIG_HOME or IOTCTL_CONFIG")
    }
    self.path = path
    config = try ContextConfig.load(path: path)
  }

  /// The context called `name`, or a usage error listing the known ones.
  func context(_ name: String) throws -> DeviceContext {
    guard let context = config.context(name) else {
      throw CoreError(.unknownContext, "no context '\(name)' in \(path); \(config.knownNames)")
    }
    return context
  }

  func save() throws { try config.save(path: path) }

  /// The names of `context`'s secret variables, by its dialect; every variable when the dialect cannot be loaded.
  static func secretVariables(of context: DeviceContext) -> Swift.Set<String> {
    guard let profile = try? ProfileCatalog(environment: Environment.all).load(for: context) else { return Swift.Set(context.variables.map(\.name)) }
    return Swift.Set(profile.variables.filter(\.secret).map(\.name))
  }
}
