import ArgumentParser

extension Iotctl {
  /// `iotctl dialects`: the platforms iotctl knows, and user profiles.
  struct Dialects: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "dialects",
      abstract: "List, show and check dialect profiles.",
      discussion: """
        A dialect is a platform's MQTT device API written down as data: topics, exchange patterns, \
        variables and payload schemas. Built in: thingsboard, kaa, edgeiq, xyte, mediumone. Your own \
        profiles live in $XDG_CONFIG_HOME/iotctl/dialects/NAME.json (default ~/.config/iotctl/dialects) \
        and may extend a built-in one; see docs/profiles.md.
        """,
      subcommands: [List.self, Show.self, Lint.self])
  }
}
