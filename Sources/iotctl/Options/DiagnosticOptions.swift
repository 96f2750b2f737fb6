import ArgumentParser

/// `--quiet` and `-d/--debug`, shared by every verb.
struct DiagnosticOptions: ParsableArguments {
  @Flag(name: .long, help: "Hide runtime error messages; the exit status still tells.")
  var quiet = false

  @Flag(
    name: [.customShort("d"), .customLong("debug"), .customLong("verbose")],
    help: "Print connection and packet events to stderr.")
  var debug = false
}

extension DiagnosticOptions.Values {
  /// Applies the flags to ``Diagnostics``.
  func apply() {
    Diagnostics.quiet = quiet
    Diagnostics.verbose = debug && !quiet
  }
}
