import ArgumentParser
import IotctlDialect

extension Iotctl.Context {
  /// `iotctl context delete`.
  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "delete",
      abstract: "Delete a context (if it was current, no context is current afterwards).")

    @Argument(help: "The context.", completion: .custom { _, _, _ in ContextCompletion.names() })
    var name: String

    func run() throws {
      var file = try ContextFile()
      _ = try file.context(name)
      file.config.remove(name)
      try file.save()
      Diagnostics.note("deleted context \(name)")
    }
  }
}
