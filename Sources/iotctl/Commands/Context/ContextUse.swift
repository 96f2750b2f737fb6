import ArgumentParser
import IotctlDialect

extension Iotctl.Context {
  /// `iotctl context use`.
  struct Use: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "use",
      abstract: "Make a context the current one, used when no --context or $IOTCTL_CONTEXT names another.")

    @Argument(help: "The context.", completion: .custom { _, _, _ in ContextCompletion.names() })
    var name: String

    func run() throws {
      var file = try ContextFile()
      _ = try file.context(name)
      file.config.current = name
      try file.save()
      Diagnostics.note("current context: \(name)")
    }
  }
}
