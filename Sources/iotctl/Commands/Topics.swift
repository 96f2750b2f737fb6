import ArgumentParser
import IotctlDialect
import IotctlSchema

extension Iotctl {
  /// `iotctl topics`: a dialect's operations compiled into concrete topics.
  struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "topics",
      abstract: "Print a dialect's topics, compiled with your variables.",
      discussion: """
        Up operations show the topic to publish to and where the answer and errors arrive; down \
        operations show the filter to subscribe to ('+' where a variable is not given). Request ids \
        are drawn fresh, as a real exchange would; fix one with --request-id.

        Examples:
          iotctl topics --dialect kaa --var app=demo_v1 --var token=JTjdbENzHh
          iotctl topics --dialect thingsboard --op attributes.request --request-id 7 \\
            --output json
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: .customLong("op"), help: "Only this operation.")
    var operation: String?

    @Option(name: .customLong("request-id"), help: "Use this request id instead of a fresh one.")
    var requestID: Int?

    @Flag(name: .customLong("show-secrets"), help: "Print secret variables (an endpoint token in a topic, say) instead of ****.")
    var showSecrets = false

    @OptionGroup var output: ListingFormatOptions

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Topics.Values {
  static func json(_ row: (Operation, CompiledOperation?, String?)) -> JSONValue {
    let (operation, compiled, problem) = row
    var entry = JSONObject()
    entry["operation"] = .string(operation.name)
    entry["direction"] = .string(operation.direction.rawValue)
    entry["pattern"] = .string(operation.pattern.rawValue)
    entry["confidence"] = .string(operation.confidence.rawValue)
    if let compiled {
      entry[operation.direction == .up ? "topic" : "filter"] = .string(compiled.topic)
      if let id = compiled.requestID { entry["requestId"] = .number(JSONNumber(id)) }
      if let response = compiled.responseTopic { entry["response"] = .string(response) }
      if let error = compiled.errorTopic { entry["error"] = .string(error) }
      if let reply = compiled.replyTemplate { entry["reply"] = .string(reply) }
      entry["qos"] = .number(JSONNumber(compiled.qos))
    } else {
      entry["template"] = .string(operation.message.topic)
      entry["missing"] = .string(problem ?? "")
    }
    return .object(entry)
  }

  func execute() throws {
    let profile = try dialect.profile()
    var compiler = TopicCompiler(bindings: try dialect.bindings(for: profile))
    let names = try operation.map { [try compiler.operation($0).name] } ?? profile.operations.map(\.name)
    var rows: [(Operation, CompiledOperation?, String?)] = []
    for name in names {
      let described = try compiler.operation(name)
      switch Result(catching: { () throws(CoreError) in try compiler.compile(name, requestID: requestID, extra: ["chunk": "0"]) }) {
      case .success(let compiled):
        rows.append((described, compiled, nil))
      case .failure(let error) where error.kind == .missingVariable && operation == nil:
        rows.append((described, nil, error.message))
      case .failure(let error):
        throw error
      }
    }
    let secrets = showSecrets ? [] : compiler.bindings.secretValues
    let out = StandardOutput()
    switch output.format {
    case .json:
      out.write(Secrets.masking(JSONValue.array(rows.map(Self.json)).jsonText, secrets) + "\n")
    case .text:
      var table = TextTable()
      table.add(["OPERATION", "DIR", "TOPIC", "ANSWER"])
      for (operation, compiled, problem) in rows {
        guard let compiled else {
          table.add([operation.name, operation.direction.rawValue, operation.message.topic, "(\(problem ?? ""))"])
          continue
        }
        var answer: [String] = []
        if let response = compiled.responseTopic { answer.append(response) }
        if let error = compiled.errorTopic { answer.append("error " + error) }
        if let reply = compiled.replyTemplate { answer.append("reply " + reply) }
        let cells = [operation.name, operation.direction.rawValue, compiled.topic, answer.isEmpty ? "-" : answer.joined(separator: " | ")]
        table.add(cells.map { Secrets.masking($0, secrets) })
      }
      out.write(table.rendered)
    }
    out.flush()
  }
}
