import IotctlDialect
import IotctlMQTT
import IotctlSchema

/// `op NAME --save-context NEW`: the credentials a platform issues in its answer (ThingsBoard's
/// provisioning), kept as a new context for the same dialect and broker.
struct IssuedContext {
  let name: String
  let call: OperationCall
  let dialectSource: (dialect: String?, dialectFile: String?)
  private var file: ContextFile

  /// Checks, before anything is sent, that the operation issues credentials and that the name is free.
  init(name: String, call: OperationCall, dialect: DialectOptions.Values) throws {
    let operation = call.compiled.operation
    guard !operation.credentials.isEmpty else {
      throw CLIError.usage(
        "\(call.profile.name) \(operation.name) issues no credentials; --save-context goes with operations that do, such as thingsboard provision")
    }
    file = try ContextFile()
    guard file.config.context(name) == nil else {
      throw CLIError.usage("context \(name) exists in \(file.path); choose another name or delete it first: iotctl context delete \(name)")
    }
    self.name = name
    self.call = call
    dialectSource = try dialect.source()
  }

  /// Writes the new context from `reply`, or fails (exit 11) when the answer carries no credentials.
  func save(_ reply: Message, options: ConnectOptions) throws {
    let operation = call.compiled.operation
    guard let answer = try? JSONParser.parse(reply.payload), let issued = IssuedCredentials.read(answer, cases: operation.credentials) else {
      let text = String(decoding: reply.payload.prefix(200), as: UTF8.self)
      throw CLIError(.platformError, "\(call.profile.name) \(operation.name) answered without credentials to save: \(text); context \(name) was not written")
    }
    var context = DeviceContext(name: name)
    (context.dialect, context.dialectFile) = dialectSource
    context.broker = "\(options.tls == nil ? "mqtt" : "mqtts")://\(options.host):\(options.port)"
    if let tls = options.tls {
      (context.caFile, context.caPath, context.insecure, context.alpn) = (tls.caFile, tls.caPath, tls.insecure ? true : nil, tls.alpn)
    }
    for (variable, value) in issued.variables.sorted(by: { $0.key < $1.key }) { context.setVariable(variable, .inline(value)) }
    context.clientID = issued.clientID
    context.username = issued.username.map(ContextValue.inline)
    context.password = issued.password.map(ContextValue.inline)
    var file = self.file
    file.config.store(context)
    try file.save()
    let stored = (issued.password == nil ? [] : ["password"]) + issued.variables.keys.sorted().map { "variable \($0)" }
    Diagnostics.note("context \(name) saved with the issued credentials (\(stored.joined(separator: ", ")) stored inline in \(file.path), mode 0600); use it: iotctl context use \(name)")
  }
}
