import ArgumentParser

extension Iotctl {
  /// `iotctl fw`: firmware over MQTT.
  struct Fw: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fw",
      abstract: "Fetch firmware over MQTT: pipelined, verified, written only when it checks out.",
      subcommands: [Fetch.self])
  }
}
