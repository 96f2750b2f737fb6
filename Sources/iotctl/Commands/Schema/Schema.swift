import ArgumentParser

extension Iotctl {
  /// `iotctl schema`: JSON Schema tools.
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "schema",
      abstract: "Validate JSON against a JSON Schema (draft 4, 6 or 7) or a dialect operation's schema.",
      subcommands: [Validate.self])
  }
}
