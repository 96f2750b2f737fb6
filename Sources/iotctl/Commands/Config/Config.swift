import ArgumentParser

extension Iotctl {
  /// `iotctl config`: the device's configuration on the platform.
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      abstract: "Get, watch and acknowledge the device's configuration.",
      subcommands: [Get.self, Ack.self])
  }
}
