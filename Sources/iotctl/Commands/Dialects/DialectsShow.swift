import ArgumentParser
import IotctlDialect
import IotctlSchema

extension Iotctl.Dialects {
  /// `iotctl dialects show NAME`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a dialect: connection, variables, and its operations with topics, pattern and confidence.",
      discussion: """
        Confidence: confirmed (official docs or the vendor's code), inferred (pieced together; verify \
        before relying on it), unknown (the topic is not documented). JSON output includes every schema.
        """)

    @Argument(help: "The dialect (or use --dialect-file).", completion: .list(ProfileCatalog.builtinNames))
    var name: String?

    @Option(name: .customLong("dialect-file"), help: "Show this profile file instead.", completion: .file(extensions: ["json"]))
    var dialectFile: String?

    @OptionGroup var output: ListingFormatOptions

    func validate() throws {
      if (name == nil) == (dialectFile == nil) { throw ValidationError("name one dialect, or give --dialect-file FILE") }
    }

    func run() throws {
      let catalog = ProfileCatalog(environment: Environment.all)
      let profile = try dialectFile.map { path throws(CoreError) in try catalog.load(file: path) } ?? catalog.load(name!)
      let out = StandardOutput()
      switch output.format {
      case .json: out.write(profile.summaryJSON.jsonText + "\n")
      case .text: out.write(Self.text(profile))
      }
      out.flush()
    }

    static func text(_ profile: DialectProfile) -> String {
      var lines = ["\(profile.name): \(profile.title)", "origin: \(profile.origin)", ""]
      let defaults = profile.defaults
      var connection = [defaults.host.map { "host \($0)" } ?? "host: none (per device)"]
      if let port = defaults.port { connection.append("port \(port)") }
      if let port = defaults.tlsPort { connection.append("TLS port \(port)") }
      connection.append(defaults.tls ? "TLS on" : "TLS off")
      connection.append("MQTT \(defaults.mqttVersion)")
      connection.append("QoS \(defaults.qos)")
      lines.append("connection: " + connection.joined(separator: ", "))
      let auth = profile.auth
      var credentials: [String] = []
      if let username = auth.username { credentials.append("username \(username)") }
      if let password = auth.password { credentials.append("password \(password)") }
      if let clientID = auth.clientID { credentials.append("client id \(clientID)") }
      for (key, value) in auth.userProperties { credentials.append("user property \(key)=\(value)") }
      if !credentials.isEmpty { lines.append("auth: " + credentials.joined(separator: ", ")) }
      if let note = auth.note { lines.append("      \(note)") }
      lines.append("")
      lines.append("VARIABLES (--var NAME=VALUE)")
      var variables = TextTable()
      for variable in profile.variables {
        var traits: [String] = []
        if variable.required { traits.append("required") }
        if variable.secret { traits.append("secret") }
        if let environment = variable.environment { traits.append("$\(environment)") }
        if let limit = variable.maxLength { traits.append("max \(limit)") }
        variables.add(["  " + variable.name, traits.joined(separator: ", "), variable.description])
      }
      lines.append(variables.rendered.dropLast().description)
      lines.append("")
      lines.append("OPERATIONS")
      var operations = TextTable()
      operations.add(["  NAME", "DIR", "PATTERN", "CONFIDENCE", "TOPIC", "ANSWER"])
      for operation in profile.operations {
        let answer = [operation.response, operation.reply].compactMap { $0?.topic }.first ?? "-"
        let errorTopic = operation.error.map { " | error \($0.topic)" } ?? ""
        operations.add([
          "  " + operation.name, operation.direction == .up ? "up" : "down", operation.pattern.rawValue,
          operation.confidence == .confirmed ? "confirmed" : operation.confidence.rawValue.uppercased(),
          operation.message.topic, answer + errorTopic,
        ])
      }
      lines.append(operations.rendered.dropLast().description)
      let flagged = profile.operations.filter { $0.confidence != .confirmed || $0.note != nil || !$0.credentials.isEmpty }
      if !flagged.isEmpty {
        lines.append("")
        for operation in flagged {
          var remarks: [String] = []
          switch operation.confidence {
          case .confirmed: break
          case .inferred: remarks.append("inferred topic, not confirmed by the platform's docs; verify before relying on it.")
          case .unknown: remarks.append("unknown topic: the platform does not document it.")
          }
          if let note = operation.note { remarks.append(note) }
          if !operation.credentials.isEmpty {
            remarks.append("Issues credentials: 'iotctl op \(operation.name) --save-context NAME' keeps them as a new context.")
          }
          let remark = remarks.joined(separator: " ")
          lines.append("  \(operation.name): \(remark)")
        }
      }
      if !profile.notes.isEmpty {
        lines.append("")
        lines.append("NOTES")
        lines += profile.notes.map { "  - \($0)" }
      }
      if !profile.sources.isEmpty {
        lines.append("")
        lines.append("SOURCES")
        lines += profile.sources.map { "  - \($0)" }
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
