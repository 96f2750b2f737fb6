import ArgumentParser

extension Iotctl {
  /// `iotctl cmd`: commands the platform sends to the device.
  struct Cmd: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "cmd",
      abstract: "Receive the platform's commands and answer them.",
      subcommands: [Watch.self])
  }
}
