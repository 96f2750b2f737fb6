import ArgumentParser

extension Iotctl {
  /// `iotctl telemetry`: send device data the way the dialect wants it.
  struct Telemetry: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "telemetry",
      abstract: "Send telemetry shaped, validated and addressed for the dialect.",
      subcommands: [Send.self])
  }
}
