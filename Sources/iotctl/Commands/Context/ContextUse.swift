import ArgumentParser
import IotctlDialect

extension Iotctl.Context {
  /// `iotctl context use`.
  struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "use",
      abstract: "Make a context the current one, used when no --context or $IOTCTL_CONTEXT names another; --none clears it.")

    @Argument(help: "The context.", completion: .custom { _, _, _ in ContextCompletion.names() })
    var name: String?

    @Flag(name: .customLong("none"), help: "Clear the current context: verbs then use only their flags.")
    var none = false

    func validate() throws {
      if (name == nil) == !none { throw ValidationError("give a context name, or --none to clear the current one") }
    }

    func run() throws {
      var file = try ContextFile()
      if let name {
        _ = try file.context(name)
        file.config.current = name
      } else {
        file.config.current = nil
      }
      try file.save()
      Diagnostics.note(name.map { "current context: \($0)" } ?? "no current context")
    }
  }
}
