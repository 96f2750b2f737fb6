import ArgumentParser
import IotctlDevice
import IotctlDialect
import IotctlMQTT

extension Iotctl {
  /// `iotctl op`: any operation of a dialect, by name.
  struct Op: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "op",
      abstract: "Run any operation of a dialect by name, waiting for the platform's answer where it has one.",
      discussion: """
        The topic, request id, user properties and credentials come from the dialect and --var; the \
        payload is checked against the operation's schema before anything is sent (exit 10 if it does \
        not match). Request/response operations print the answer (exit 11 when the platform answers \
        with an error, 27 on timeout); others exit 0 once the broker acknowledged the message.

        Without a payload, a JSON operation sends {} and an empty one sends nothing. 'iotctl dialects \
        show NAME' lists the operations.

        --save-context NAME keeps the credentials an answer issues (ThingsBoard provisioning: an access \
        token, or a client id, user name and password) as a new context with the same dialect and broker. \
        The name is checked before the request is sent; an answer without credentials exits 11 and \
        writes nothing.

        Examples:
          iotctl op metadata.get --dialect kaa --var app=demo_v1 --var token=JTjdbENzHh
          iotctl op rpc.client '{"method":"getSessionLimits","params":{}}' \\
            --dialect thingsboard --var token=$TB_TOKEN
          iotctl op provision --dialect thingsboard -u provision \\
            -f provision-request.json --save-context dev-7
        """)

    @Argument(
      help: "The operation, as 'iotctl dialects show' lists it.",
      completion: .custom { words, _, _ in DialectCompletion.operations(words) })
    var name: String

    @Argument(help: "The payload (JSON or text); or use -f or -s.")
    var inline: String?

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @OptionGroup(title: "Request")
    var request: RequestOptions

    @OptionGroup(title: "Output")
    var output: OutputFormatOptions

    @Option(
      name: .customLong("save-context"),
      help: ArgumentHelp(
        "Save the credentials the answer carries (ThingsBoard provision) as a new context with this name.", valueName: "name"))
    var saveContext: String?

    @OptionGroup(title: "Message properties (MQTT 5)")
    var properties: PublishPropertyOptions

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

/// What a single dialect request takes besides the dialect: payload source, validation, timeout, dry run.
struct RequestOptions: ParsableArguments {
  @Option(name: [.customShort("f"), .customLong("file")], help: "Send this file as the payload.", completion: .file())
  var file: String?

  @Flag(name: [.customShort("s"), .customLong("stdin-file")], help: "Send all of standard input as the payload.")
  var stdinWhole = false

  @Option(name: .customLong("request-id"), help: "Use this request id instead of a fresh one.")
  var requestID: Int?

  @OptionGroup var send: SendOptions
}

extension Iotctl.Op.Values {
  func checkOptions() throws {
    try request.validate(inline: inline)
    if let saveContext, !ContextConfig.isValidName(saveContext) {
      throw ValidationError("'\(saveContext)' is not a context name; use letters, digits, '.', '_' and '-'")
    }
  }

  func execute() throws {
    diagnostics.apply()
    let profile = try dialect.profile()
    let call = try OperationCall(profile: profile, bindings: try dialect.bindings(for: profile), operation: name, requestID: request.requestID)
    // Checked before sending: a device provisioned twice is worse than a refused command line.
    let saver = try saveContext.map { try IssuedContext(name: $0, call: call, dialect: dialect) }
    let (reply, options): (Message?, ConnectOptions)
    do {
      (reply, options) = try request.perform(call, inline: inline, connection: connection, properties: properties, output: output)
    } catch var error as DeviceError where saver != nil {
      error.message += "; context \(saveContext!) was not written"
      throw error
    }
    if let saver, let reply { try saver.save(reply, options: options) }
  }
}

extension RequestOptions.Values {
  func validate(inline: String?) throws {
    if [inline != nil, file != nil, stdinWhole].filter({ $0 }).count > 1 {
      throw ValidationError("give the payload one way: as an argument, with -f or with -s")
    }
  }

  /// The payload as given; nil for the operation's default.
  func payload(inline: String?) throws -> [UInt8]? {
    if let inline { return Array(inline.utf8) }
    if let file { return try Input.readFile(file, purpose: "payload file") }
    if stdinWhole { return try Input.readAll(fd: CommandEnvironment.current.input, name: "standard input") }
    return nil
  }

  @discardableResult
  func perform(
    _ call: OperationCall, inline: String?, connection: ConnectionOptions.Values, properties: PublishPropertyOptions.Values,
    output: OutputFormatOptions.Values
  ) throws -> (reply: Message?, options: ConnectOptions) {
    var call = call
    return try call.execute(
      payload: try payload(inline: inline), validate: !send.noValidate,
      dryRun: send.dryRun, timeout: send.timeout, connection: connection, properties: properties, output: output)
  }
}
