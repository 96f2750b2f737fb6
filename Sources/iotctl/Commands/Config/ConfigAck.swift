import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT
import IotctlSchema

extension Iotctl.Config {
  /// `iotctl config ack`.
  struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ack",
      abstract: "Report the configuration applied (or rejected) where the dialect has such a report.",
      discussion: """
        Kaa: cmx applied with the configId (--failed MESSAGE sends statusCode 400 and the reason). \
        Xyte: config/update with the configuration as applied (--config).

        Examples:
          iotctl config ack --dialect kaa --var app=demo_v1 --var token=$K \\
            --config-id 97016dbe8bb4adff
          iotctl config ack --dialect xyte --var id=$ID --var-file access_key=key.txt \\
            --config '{"version":"7","brightness":80}'
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: .customLong("config-id"), help: "The configuration id applied.")
    var id: String?

    @Option(name: .customLong("config"), help: "The configuration as applied (JSON), where the report carries it.")
    var config: String?

    @Option(name: .customLong("failed"), help: ArgumentHelp("Report the configuration as rejected, with this reason.", valueName: "reason"))
    var failed: String?

    @OptionGroup(title: "Request")
    var request: SendOptions

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

    @OptionGroup(title: "Message properties (MQTT 5)")
    var properties: PublishPropertyOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Config.Ack.Values {
  func execute() throws {
    diagnostics.apply()
    let profile = try dialect.profile()
    guard let ack = profile.configVerb?.ack, let operation = ack.operation else {
      throw CLIError.usage("dialect \(profile.name) has no configuration report")
    }
    var values: [String: JSONValue] = ["id": .string(id ?? ""), "message": .string(failed ?? "")]
    if let config { values["config"] = try Input.json(Array(config.utf8), what: "--config") }
    if ack.success.jsonText.contains("{id}") && id == nil { throw CLIError.usage("\(profile.name) reports need --config-id ID") }
    if ack.success.jsonText.contains("{config}") && config == nil { throw CLIError.usage("\(profile.name) reports need --config JSON") }
    let payload = ack.payload(success: failed == nil, values: values)
    var call = try OperationCall(profile: profile, bindings: try dialect.bindings(for: profile), operation: operation)
    try call.execute(
      payload: payload.jsonBytes, validate: !request.noValidate, dryRun: request.dryRun,
      timeout: request.timeout, connection: connection, properties: properties, output: output)
  }
}
