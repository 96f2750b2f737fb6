import ArgumentParser

/// `--no-validate`, `--dry-run` and `-W` for verbs that send.
struct SendOptions: ParsableArguments {
  @Flag(name: .customLong("no-validate"), help: "Send even if the payload does not match the operation's schema.")
  var noValidate = false

  @Option(name: [.customShort("W"), .customLong("timeout")], help: ArgumentHelp("Seconds to wait for an answer (0 waits forever) or acknowledgement.", valueName: "seconds"))
  var timeout: Double = 10

  @Flag(name: .customLong("dry-run"), help: "Print what would be sent, and the mosquitto equivalent, without connecting (as JSON with --output jsonl).")
  var dryRun = false

  func validate() throws { try unwrapped.checkOptions() }
}

extension SendOptions.Values {
  func checkOptions() throws { try NumericFlags.seconds(timeout, "-W") }
}
