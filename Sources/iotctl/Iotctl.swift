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
    version: "0.1.0",
    groupedSubcommands: [
      CommandGroup(name: "Raw MQTT", subcommands: [Pub.self, Sub.self, RR.self]),
      CommandGroup(name: "Device", subcommands: [Telemetry.self, Config.self, Cmd.self, Fw.self, Op.self]),
      CommandGroup(name: "Dialects", subcommands: [Dialects.self, Topics.self, Schema.self, Emulate.self]),
      CommandGroup(name: "Setup", subcommands: [Context.self, Doctor.self]),
    ],
    // -h is the broker host, as in mosquitto's clients.
    helpNames: [.long]
  )

  static func main() {
    signal(SIGPIPE, SIG_IGN)
    if let problem = RawArguments.firstInvalidUTF8() {
      Diagnostics.error(problem)
      Glibc.exit(ExitStatus.usage.rawValue)
    }
    do {
      if let quick = QuickPub(Array(CommandLine.arguments.dropFirst())) {
        try quick.run()
        return
      }
      var command = try parseAsRoot()
      try command.run()
    } catch {
      Glibc.exit(report(error).rawValue)
    }
  }

  /// Runs one command line in `environment`, in this process, and returns its exit status: what
  /// `main` does, for tests that inject the environment, the output and the clock.
  static func run(_ arguments: [String], in environment: CommandEnvironment) -> Int32 {
    CommandEnvironment.$scoped.withValue(environment) {
      do {
        var command = try parseAsRoot(arguments)
        try command.run()
        return ExitStatus.success.rawValue
      } catch {
        if exitCode(for: error) == .success {
          // Help and --version: printed as the real run prints them, without ending the process.
          StandardOutput.print(fullMessage(for: error) + "\n")
          return ExitStatus.success.rawValue
        }
        return report(error).rawValue
      }
    }
  }

  /// Prints `error` the way its kind asks for and returns the exit status. The only place errors
  /// become exit codes.
  static func report(_ error: any Error) -> ExitStatus {
    if let status = error as? ExitStatus { return status }
    if let failure = error as? CLIError {
      Diagnostics.error(failure.description)
      return failure.status
    }
    if let failure = error as? MQTTError {
      Diagnostics.error(failure.description)
      return ExitStatus(failure)
    }
    if let failure = error as? DeviceError {
      Diagnostics.error(failure.description)
      return ExitStatus(failure.kind)
    }
    if let failure = error as? InvalidTopic {
      Diagnostics.error(failure.description)
      return .usage
    }
    if let failure = error as? CoreError {
      Diagnostics.error(failure.description)
      return ExitStatus(failure)
    }
    switch exitCode(for: error) {
    case .success:
      Iotctl.exit(withError: error)
    case .validationFailure:
      Diagnostics.error(usageLine(for: error))
      return .usage
    case let code:
      let message = fullMessage(for: error)
      if !message.isEmpty { Diagnostics.error(message) }
      return code == .failure ? .failure : ExitStatus(rawValue: code.rawValue) ?? .failure
    }
  }

  /// A usage error in one line: the message and where to read more.
  static func usageLine(for error: any Error) -> String {
    let full = fullMessage(for: error)
    let message = message(for: error)
    let helpHint = full.split(separator: "\n").first { $0.contains("See '") }
    let command = helpHint.flatMap { line -> Substring? in
      guard let start = line.firstIndex(of: "'"), let end = line.lastIndex(of: "'"), start < end else { return nil }
      return line[line.index(after: start)..<end]
    }
    let lowered = message.prefix(1).lowercased() + message.dropFirst()
    return command.map { "\(lowered) (see '\($0)')" } ?? lowered
  }
}
