import ArgumentParser
import IotctlDialect
import IotctlSchema

extension Iotctl.Context {
  /// `iotctl context list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the contexts; the current one is marked with *.")

    @OptionGroup var output: ListingFormatOptions

    func run() throws {
      let file = try ContextFile()
      let out = StandardOutput()
      switch output.format {
      case .json:
        let entries: [JSONValue] = file.config.contexts.map { context in
          .object(JSONObject([
            "name": .string(context.name), "current": .bool(context.name == file.config.current),
            "dialect": context.dialect.map(JSONValue.string) ?? context.dialectFile.map(JSONValue.string) ?? .null,
            "broker": context.broker.map { .string(SecretMask.userInfoPassword(in: $0)) } ?? .null,
          ]))
        }
        out.write(JSONValue.array(entries).jsonText + "\n")
      case .text:
        if file.config.contexts.isEmpty {
          Diagnostics.note("no contexts in \(file.path) yet; create one with 'iotctl context set NAME --dialect ... --broker ...'")
          return
        }
        var table = TextTable()
        table.add(["CURRENT", "NAME", "DIALECT", "BROKER"])
        for context in file.config.contexts {
          table.add([
            context.name == file.config.current ? "*" : "", context.name, context.dialect ?? context.dialectFile ?? "-",
            context.broker.map { SecretMask.userInfoPassword(in: $0) } ?? "-",
          ])
        }
        out.write(table.rendered)
      }
      out.flush()
    }
  }
}
