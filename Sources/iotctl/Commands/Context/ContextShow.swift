import ArgumentParser
import IotctlDialect
import IotctlSchema

extension Iotctl.Context {
  /// `iotctl context show`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a context as stored, with inline secrets masked (references such as env:VAR are shown).")

    @Argument(help: "The context (default: the current one).", completion: .custom { _, _, _ in ContextCompletion.names() })
    var name: String?

    @OptionGroup var output: ListingFormatOptions

    func run() throws {
      let file = try ContextFile()
      guard let name = name ?? file.config.current else {
        throw CLIError.usage("no current context; name one (iotctl context show NAME) or pick one with 'iotctl context use NAME'")
      }
      let context = try file.context(name)
      let shown = ContextConfig.json(context, maskingVariables: ContextFile.secretVariables(of: context), mask: Secrets.mask)
      let out = StandardOutput()
      switch output.format {
      case .json:
        var entry = JSONObject(["name": .string(name), "current": .bool(name == file.config.current)])
        entry["context"] = shown
        out.write(JSONValue.object(entry).jsonText + "\n")
      case .text:
        var table = TextTable()
        table.add(["name", name + (name == file.config.current ? " (current)" : "")])
        for (key, value) in shown.objectValue?.members ?? [] {
          if let variables = value.objectValue {
            for (variable, text) in variables.members { table.add(["var " + variable, text.stringValue ?? text.jsonText]) }
          } else {
            table.add([key, value.stringValue ?? value.jsonText])
          }
        }
        out.write(table.rendered)
      }
      out.flush()
    }
  }
}
