import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

@main
struct Iotctl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "iotctl",
    abstract: "Talk to IoT platforms' MQTT device APIs, and to any MQTT broker.",
    discussion: """
      Raw verbs replace mosquitto_pub, mosquitto_sub and mosquitto_rr with the same common flags, \
      plus delivery reports, JSON Lines output and correlated request/response.

      Dialects describe platforms' device APIs (thingsboard, kaa, edgeiq, xyte, mediumone, or your \
      own profile): 'iotctl topics' compiles their topics for your device, and 'iotctl schema \
      validate' checks payloads against their schemas.

      Data goes to stdout; diagnostics go to stderr.

      EXIT STATUS
      \(ExitStatus.table)
      """,
    version: version,
    groupedSubcommands: verbGroups.map { CommandGroup(name: $0.heading, subcommands: $0.verbs) },
    // -h is the broker host, as in mosquitto's clients.
    helpNames: [.long]
  )

  /// The verbs under their help headings. The leading words of a command line are matched against these
  /// rather than against `configuration`, whose help text (the exit-status table among it) a verb's run
  /// has no use for.
  static let verbGroups: [(heading: String, verbs: [ParsableCommand.Type])] = [
    ("Raw MQTT", [Pub.self, Sub.self, RR.self]),
    ("Device", [Telemetry.self, Config.self, Cmd.self, Fw.self, Op.self, Simulate.self]),
    ("Dialects", [Dialects.self, Topics.self, Schema.self, Emulate.self]),
    ("Setup", [Context.self, Doctor.self]),
  ]

  /// Every verb, in help order: what the leading word of a command line is matched against.
  static let verbs = verbGroups.flatMap(\.verbs)

  static func main() {
    signal(SIGPIPE, SIG_IGN)
    Interruption.install()
    if let problem = RawArguments.firstInvalidUTF8() {
      Diagnostics.error(problem)
      Glibc.exit(ExitStatus.usage.rawValue)
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    let status = execute(arguments)
    if status != ExitStatus.success.rawValue { Glibc.exit(status) }
    Interruption.dieIfSignalled()
  }

  /// What `--version` prints.
  static let version = "0.1.0"

  /// Parses and runs `arguments`; returns the exit status. Help and --version print and succeed.
  static func execute(_ arguments: [String]) -> Int32 {
    // The line scripts use to check the version: ArgumentParser would build the root command's whole
    // argument set to print it (4.9 ms, against 3.5 ms this way; alternating runs, issue 17).
    if arguments == ["--version"] {
      StandardOutput.print(version + "\n")
      return ExitStatus.success.rawValue
    }
    do {
      if let parsed = parsedFromVerbTable(arguments) {
        try parsed.execute()
      } else {
        try checkCommandName(arguments)
        let path = commands(namedBy: arguments)
        var command = try parseVerb(arguments, path: path) ?? parseAsRoot(arguments)
        try command.run()
      }
      return ExitStatus.success.rawValue
    } catch {
      // ArgumentParser's exitCode(for:) builds the whole help text by reflection (3.9M instructions): ask it
      // only about errors that are not ours, such as help and --version.
      if typed(error) == nil, exitCode(for: error) == .success {
        StandardOutput.print(fullMessage(for: error) + "\n")
        return ExitStatus.success.rawValue
      }
      return report(error, arguments: arguments).rawValue
    }
  }

  /// The verb that the leading words name, parsed as a root of its own; nil to parse from the root.
  ///
  /// ArgumentParser builds a command's argument set by reflecting over its properties each time it
  /// looks at it, and a parse from the root looks at the chosen verb once more than this does, to see
  /// whether it takes all the input after its name. Only a clean parse is kept: help, a completion
  /// request and every error are parsed again from the root, so that what is printed is the root's.
  private static func parseVerb(_ arguments: [String], path: [ParsableCommand.Type]) -> ParsableCommand? {
    guard !arguments.contains("--help") else { return nil }
    guard let verb = path.last, verb.configuration.subcommands.isEmpty,
      let parsed = try? verb.parseAsRoot(Array(arguments.dropFirst(path.count)))
    else { return nil }
    // A verb parsed as a root takes -h as help, as the real root does not (-h is the broker host). When a
    // validation fails, ArgumentParser looks for help flags and returns its help command as the parse:
    // `sub -h host -k 2` printed sub's help and exited 0. Only the verb itself counts as a clean parse.
    return type(of: parsed) == verb ? parsed : nil
  }

  /// The commands the leading words of `arguments` name, from the root's subcommand down.
  private static func commands(namedBy arguments: [String]) -> [ParsableCommand.Type] {
    var path: [ParsableCommand.Type] = []
    var candidates = verbs
    for word in arguments {
      guard let next = candidates.first(where: { $0.configuration.commandName == word }) else { break }
      path.append(next)
      candidates = next.configuration.subcommands
    }
    return path
  }

  /// `iotctl nosuch --help` and `iotctl help nosuch` would print the root help and succeed: a word where a
  /// command belongs that names none is a usage error.
  private static func checkCommandName(_ arguments: [String]) throws {
    var words = arguments.prefix { !$0.hasPrefix("-") }[...]
    if words.first == "help" { words = words.dropFirst() }
    guard let first = words.first else { return }
    let names = verbs.map { $0.configuration.commandName ?? "" }
    guard !names.contains(first) else { return }
    throw CLIError.usage("'\(first)' is not an iotctl command; the commands are: \(names.joined(separator: ", ")) (see 'iotctl --help')")
  }

  /// `iotctl` and the subcommand words at the start of `arguments`, for "see 'iotctl pub --help'".
  static func commandPath(_ arguments: [String]) -> String {
    (["iotctl"] + arguments.prefix(commands(namedBy: arguments).count)).joined(separator: " ")
  }

  /// Runs one command line in `environment`, in this process, and returns its exit status: what
  /// `main` does, for tests that inject the environment, the output and the clock.
  static func run(_ arguments: [String], in environment: CommandEnvironment) -> Int32 {
    CommandEnvironment.$scoped.withValue(environment) { execute(arguments) }
  }

  /// Prints `error` the way its kind asks for and returns the exit status. The only place errors
  /// become exit codes.
  static func report(_ error: any Error, arguments: [String] = []) -> ExitStatus {
    if let status = error as? ExitStatus { return status }
    if let typed = typed(error) {
      // Usage errors print even with --quiet: the status alone would not say which flag is wrong.
      switch typed.status {
      case .usage: Diagnostics.usageError(typed.message)
      // Ctrl-C is how watchers end: what it interrupted is worth a note, not an error.
      case .interrupted, .terminated: Diagnostics.note(typed.message)
      default: Diagnostics.error(typed.message)
      }
      return typed.status
    }
    switch exitCode(for: error) {
    case .success:
      Iotctl.exit(withError: error)
    case .validationFailure:
      let command = commandPath(arguments)
      if let unknown = UnknownOption.first(in: arguments) {
        Diagnostics.usageError("unknown option '\(unknown)' (see '\(command) --help')")
      } else {
        Diagnostics.usageError(usageLine(for: error, command: command))
      }
      return .usage
    case let code:
      let message = fullMessage(for: error)
      if !message.isEmpty { Diagnostics.error(message) }
      return code == .failure ? .failure : ExitStatus(rawValue: code.rawValue) ?? .failure
    }
  }

  /// The message and exit status of an error of ours (an ``ExitStatus`` has no message); nil for
  /// ArgumentParser's.
  static func typed(_ error: any Error) -> (message: String, status: ExitStatus)? {
    switch error {
    case let status as ExitStatus: ("", status)
    case let failure as CLIError: (failure.description, failure.status)
    case let failure as MQTTError: (failure.description, ExitStatus(failure))
    case let failure as DeviceError: (failure.description, ExitStatus(failure.kind))
    case let failure as InvalidTopic: (failure.description, .usage)
    case let failure as CoreError: (failure.description, ExitStatus(failure))
    default: nil
    }
  }

  /// A usage error in one line: the message and where to read more.
  ///
  /// - Parameter command: the command path the arguments name ("iotctl pub"), for errors raised after
  ///   parsing, which ArgumentParser attributes to the root.
  static func usageLine(for error: any Error, command: String) -> String {
    let full = fullMessage(for: error)
    let message = message(for: error)
    let helpHint = full.split(separator: "\n").first { $0.contains("See '") }
    let hinted = helpHint.flatMap { line -> Substring? in
      guard let start = line.firstIndex(of: "'"), let end = line.lastIndex(of: "'"), start < end else { return nil }
      return line[line.index(after: start)..<end]
    }
    let help = hinted.map(String.init).flatMap { $0 == "iotctl --help" ? nil : $0 } ?? "\(command) --help"
    // Lower-case the first letter of a sentence, not of an acronym ("MQTT 5 features", "TLS flags").
    let second = message.dropFirst().first
    let lowered = second?.isUppercase == true ? message : message.prefix(1).lowercased() + message.dropFirst()
    return "\(lowered) (see '\(help)')"
  }
}
